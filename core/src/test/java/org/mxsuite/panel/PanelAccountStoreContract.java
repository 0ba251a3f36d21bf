package org.mxsuite.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;
import org.mxsuite.relay.PasswordHash;

/** What every {@link PanelAccountStore} does, whatever keeps the data. */
public interface PanelAccountStoreContract {
    PanelAccountName ANNE = PanelAccountName.of("anne@customer.example");
    PanelAccountName ROOT = PanelAccountName.of("root");
    DomainName A = DomainName.of("a.example.net");
    DomainName B = DomainName.of("b.example.net");
    PasswordHash SECRET = PasswordHash.parse("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$"
        + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

    PanelAccountStore store();

    @Test
    default void anOwnerIsStoredWithItsDomainsAndAnOperatorWithNone() {
        PanelAccount owner = new PanelAccount(ANNE, PanelRole.OWNER, SECRET, Set.of(B, A));
        PanelAccount operator = new PanelAccount(ROOT, PanelRole.OPERATOR, SECRET, Set.of());

        assertThat(store().put(owner)).isTrue();
        assertThat(store().put(operator)).isTrue();

        assertThat(store().get(ANNE)).contains(owner);
        assertThat(store().get(ANNE).orElseThrow().domains()).containsExactly(A, B);
        assertThat(store().get(ROOT)).contains(operator);
        assertThat(store().list()).containsExactly(owner, operator);
    }

    @Test
    default void aPutReplacesTheAccountWhole() {
        store().put(new PanelAccount(ANNE, PanelRole.OWNER, SECRET, Set.of(A, B)));
        PanelAccount replaced = new PanelAccount(ANNE, PanelRole.OWNER, PasswordHash.parse(SECRET.encoded().replace("AAAA", "BBBB")),
            Set.of(B));

        assertThat(store().put(replaced)).isFalse();

        assertThat(store().get(ANNE)).contains(replaced);
        assertThat(store().list()).hasSize(1);
    }

    @Test
    default void aDeletedAccountIsGone() {
        store().put(new PanelAccount(ANNE, PanelRole.OWNER, SECRET, Set.of(A)));

        assertThat(store().delete(ANNE)).isTrue();
        assertThat(store().delete(ANNE)).isFalse();
        assertThat(store().get(ANNE)).isEmpty();
        assertThat(store().list()).isEmpty();
    }

    @Test
    default void namesAreCaseInsensitive() {
        store().put(new PanelAccount(PanelAccountName.of("Anne@Customer.Example"), PanelRole.OWNER, SECRET, Set.of(A)));

        assertThat(store().get(ANNE)).isPresent();
    }
}
