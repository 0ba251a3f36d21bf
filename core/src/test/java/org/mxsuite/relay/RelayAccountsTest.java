package org.mxsuite.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;

class RelayAccountsTest {
    private static final RelayAccountName ACME = RelayAccountName.of("acme");
    private static final DomainName DOMAIN = DomainName.of("acme.example");

    private final MemoryRelayAccountStore store = new MemoryRelayAccountStore();
    private final RelayAccounts accounts = new RelayAccounts(store);

    @Test
    void aNewAccountNeedsAnAcceptablePasswordAndDomainsAndNothingIsStoredOtherwise() {
        assertThatThrownBy(() -> accounts.put(ACME, Optional.empty(), Optional.of(Set.of(DOMAIN)), OptionalInt.empty(), Optional.empty(),
            Optional.empty())).isInstanceOf(InvalidSettingException.class).hasMessage("password is required to create relay account acme");
        assertThatThrownBy(() -> accounts.put(ACME, Optional.of("short"), Optional.of(Set.of(DOMAIN)), OptionalInt.empty(), Optional.empty(),
            Optional.empty())).hasMessage("password must have 8 to 256 characters");
        assertThatThrownBy(() -> accounts.put(ACME, Optional.of("a long secret"), Optional.empty(), OptionalInt.empty(), Optional.empty(),
            Optional.empty())).hasMessage("domains is required to create relay account acme");
        assertThatThrownBy(() -> accounts.put(ACME, Optional.of("a long secret"), Optional.of(Set.of()), OptionalInt.empty(), Optional.empty(),
            Optional.empty())).hasMessage("domains: a relay account needs at least one domain");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aChangeKeepsWhatIsNotGivenAndANewPasswordNeedsTheAccount() {
        assertThat(accounts.put(ACME, Optional.of("a long secret"), Optional.of(Set.of(DOMAIN)), OptionalInt.of(50),
            Optional.of(OptionalInt.of(10)), Optional.empty())).isTrue();

        accounts.setPassword(ACME, "another secret");

        RelayAccount changed = store.get(ACME).orElseThrow();
        assertThat(changed.password().matches("another secret")).isTrue();
        assertThat(changed.domains()).containsExactly(DOMAIN);
        assertThat(changed.dailyLimit()).isEqualTo(50);
        assertThat(changed.hourlyLimit()).hasValue(10);
        assertThatThrownBy(() -> accounts.setPassword(RelayAccountName.of("nobody"), "a long secret")).hasMessage("no relay account nobody");
    }
}
