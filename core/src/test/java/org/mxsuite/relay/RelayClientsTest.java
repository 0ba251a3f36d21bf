package org.mxsuite.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.DomainName;
import org.mxsuite.state.H2StateStoreExtension;


class RelayClientsTest {
    private static final DomainName A = DomainName.of("a.example.net");
    private static final DomainName B = DomainName.of("b.example.net");
    private static final DomainName OTHER = DomainName.of("other.example.net");

    @RegisterExtension
    H2StateStoreExtension h2 = new H2StateStoreExtension();

    private JdbcRelayAccountStore accounts;
    private PasswordChecks checks;
    private RelayClients clients;

    @BeforeEach
    void setUp() {
        accounts = new JdbcRelayAccountStore(h2.stateStore());
        accounts.put(new RelayAccount(RelayAccountName.of("acme"), PasswordHash.of("secret", 1000), Set.of(A, B), 300));
        checks = new PasswordChecks(1);
        clients = new RelayClients(accounts, new RelaySettings(150, true, Optional.empty(), List.of()), checks, Clock.systemUTC());
    }

    @Test
    void anAccountLogsInWithItsPlainNameAndPassword() {
        assertThat(clients.authenticate("ACME", "secret").account()).isPresent();
        assertThat(clients.authenticate("acme", "wrong").account()).isEmpty();
        assertThat(clients.authenticate("acme@a.example.net", "secret").account()).as("a mailbox login is not an account").isEmpty();
        assertThat(clients.authenticate("nobody", "secret").account()).isEmpty();
    }

    @Test
    void aRefusalTakesAsLongForANameThatIsNoAccountAsForAnAccount() {
        clients.authenticate("nobody", "warm-up");
        clients.authenticate("acme", "warm-up");
        long account = medianNanos(() -> clients.authenticate("acme", "wrong"));
        long noAccount = medianNanos(() -> clients.authenticate("nobody", "wrong"));

        // the account's hash has 1,000 iterations: its refusal is made up to the current cost, as is a stranger's
        assertThat((double) noAccount / account).isBetween(0.5, 2.0);
        assertThat(noAccount).as("a full hash each time").isGreaterThan(java.time.Duration.ofMillis(20).toNanos());
    }

    private static long medianNanos(Runnable login) {
        long[] times = new long[5];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            login.run();
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2];
    }

    @Test
    void loginsWithTheSameCredentialsAtOnceWaitForOneCheckRatherThanBeingTurnedAway() throws Exception {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(6);
            List<java.util.concurrent.Future<RelayLogin>> logins = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                logins.add(threads.submit(() -> {
                    together.await();
                    return clients.authenticate("acme", "secret");
                }));
            }
            for (java.util.concurrent.Future<RelayLogin> login : logins) {
                assertThat(login.get().account()).as("one check, shared; the limit is one at a time").isPresent();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anOlderCheaperHashIsReplacedByOneOfTheCurrentCostAtTheNextLogin() {
        assertThat(clients.authenticate("acme", "secret").account()).isPresent();

        PasswordHash stored = accounts.get(RelayAccountName.of("acme")).orElseThrow().password();
        assertThat(stored.iterations()).isEqualTo(PasswordHash.ITERATIONS);
        assertThat(stored.matches("secret")).isTrue();
        assertThat(clients.authenticate("acme", "secret").account()).isPresent();
    }

    @Test
    void whileEveryCheckIsTakenALoginIsNotCheckedExceptOneThatSucceededLately() {
        assertThat(clients.authenticate("acme", "secret").account()).isPresent();
        assertThat(checks.tryStart()).isTrue(); // the one check there is, taken
        try {
            RelayLogin wrong = clients.authenticate("acme", "wrong");
            assertThat(wrong.isBusy()).isTrue();
            assertThat(wrong.account()).isEmpty();
            assertThat(clients.authenticate("nobody", "secret").isBusy()).isTrue();
            assertThat(clients.authenticate("acme", "secret").account()).as("remembered: no hash needed").isPresent();
        } finally {
            checks.done();
        }
        assertThat(clients.authenticate("acme", "wrong").isBusy()).isFalse();
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
