package org.mxsuite.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.DomainName;
import org.mxsuite.state.H2StateStoreExtension;
import org.mxsuite.state.JdbcRelayAccountStore;

class RelayClientsTest {
    private static final DomainName A = DomainName.of("a.example.net");
    private static final DomainName B = DomainName.of("b.example.net");
    private static final DomainName OTHER = DomainName.of("other.example.net");

    @RegisterExtension
    H2StateStoreExtension h2 = new H2StateStoreExtension();

    private RelayClients clients;

    @BeforeEach
    void setUp() {
        JdbcRelayAccountStore accounts = new JdbcRelayAccountStore(h2.stateStore());
        accounts.put(new RelayAccount(RelayAccountName.of("acme"), PasswordHash.of("secret", 1000), Set.of(A, B), 300));
        clients = new RelayClients(accounts, new RelaySettings(150, true, Optional.empty(), List.of()));
    }

    @Test
    void anAccountLogsInWithItsPlainNameAndPassword() {
        assertThat(clients.authenticate("ACME", "secret")).isPresent();
        assertThat(clients.authenticate("acme", "wrong")).isEmpty();
        assertThat(clients.authenticate("acme@a.example.net", "secret")).as("a mailbox login is not an account").isEmpty();
        assertThat(clients.authenticate("nobody", "secret")).isEmpty();
    }

    @Test
    void anAccountSendsFromItsDomainsWithItsLimit() {
        RelayClients.Decision decision = clients.charge("acme", Optional.of(B));

        assertThat(decision.charge()).contains(new RelayCharge(B, 300));
        assertThat(decision.fromRelayAccount()).isTrue();
        assertThat(clients.charge("acme", Optional.empty()).charge()).as("the null sender pays with the first domain")
            .contains(new RelayCharge(A, 300));
    }

    @Test
    void anotherSenderDomainIsRefusedNamingTheAllowedOnes() {
        assertThat(clients.charge("acme", Optional.of(OTHER)).refusal())
            .hasValueSatisfying(why -> assertThat(why).contains("other.example.net").contains("a.example.net, b.example.net"));
        assertThat(clients.charge("gone", Optional.of(A)).refusal()).isPresent();
    }

    @Test
    void aMailboxUserSendsFromItsOwnDomainWithTheMailboxLimit() {
        assertThat(clients.charge("alice@a.example.net", Optional.of(A)).charge()).contains(new RelayCharge(A, 150));
        assertThat(clients.charge("alice@a.example.net", Optional.of(A)).fromRelayAccount()).isFalse();
        assertThat(clients.charge("alice@a.example.net", Optional.of(B)).refusal()).isPresent();
    }
}
