package org.mxsuite.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;

/** What every {@link RelayAccountStore} does, whatever keeps the data. */
public interface RelayAccountStoreContract {
    RelayAccountName ACME = RelayAccountName.of("acme");
    DomainName A = DomainName.of("a.example.net");
    DomainName B = DomainName.of("b.example.net");
    /** Few iterations: the contract is about storage, not hashing cost. */
    PasswordHash SECRET = PasswordHash.of("secret", 1000);

    RelayAccountStore store();

    @Test
    default void anAccountIsStoredWithItsDomainsAndLimit() {
        RelayAccount account = new RelayAccount(ACME, SECRET, Set.of(B, A), 350);

        assertThat(store().put(account)).isTrue();

        RelayAccount stored = store().get(ACME).orElseThrow();
        assertThat(stored).isEqualTo(account);
        assertThat(stored.domains()).containsExactly(A, B);
        assertThat(stored.password().matches("secret")).isTrue();
    }

    @Test
    default void theHourlyLimitAndTheMaximumOfRecipientsAreStoredAndMayBeRemoved() {
        RelayAccount limited = new RelayAccount(ACME, SECRET, Set.of(A), 200, OptionalInt.of(20), OptionalInt.of(50));
        store().put(limited);
        assertThat(store().get(ACME)).contains(limited);

        RelayAccount unlimited = new RelayAccount(ACME, SECRET, Set.of(A), 200);
        store().put(unlimited);
        assertThat(store().get(ACME).orElseThrow().hourlyLimit()).isEmpty();
        assertThat(store().get(ACME).orElseThrow().maxRecipients()).isEmpty();
    }

    @Test
    default void puttingAgainReplacesTheSettings() {
        store().put(new RelayAccount(ACME, SECRET, Set.of(A, B), 200));
        RelayAccount changed = new RelayAccount(ACME, PasswordHash.of("other", 1000), Set.of(B), 400);

        assertThat(store().put(changed)).isFalse();

        assertThat(store().get(ACME)).contains(changed);
    }

    @Test
    default void accountsAreListedByName() {
        RelayAccount zed = new RelayAccount(RelayAccountName.of("zed"), SECRET, Set.of(B), 1);
        RelayAccount acme = new RelayAccount(ACME, SECRET, Set.of(A, B), 200);
        store().put(zed);
        store().put(acme);

        assertThat(store().list()).containsExactly(acme, zed);
    }

    @Test
    default void deletingRevokes() {
        store().put(new RelayAccount(ACME, SECRET, Set.of(A), 200));

        assertThat(store().delete(ACME)).isTrue();
        assertThat(store().delete(ACME)).isFalse();
        assertThat(store().get(ACME)).isEmpty();
        assertThat(store().list()).isEmpty();
    }

    @Test
    default void anUnknownAccountIsAbsent() {
        assertThat(store().get(RelayAccountName.of("nobody"))).isEmpty();
    }
}
