package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.Destination;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.TlsPolicy;
import org.mxsuite.state.H2StateStoreExtension;

class TestTransactionsTest {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private LoopbackSmtpServer customer;
    private DeliveryParts parts;
    private TestTransactions transactions;

    @BeforeEach
    void setUp() throws Exception {
        customer = new LoopbackSmtpServer();
        parts = new DeliveryParts(h2.stateStore());
        transactions = new TestTransactions(parts.resolver, parts.connector);
    }

    @AfterEach
    void tearDown() throws Exception {
        customer.close();
    }

    private HostedDomain at(Destination destination, TlsPolicy tls) {
        return parts.host(HoldPolicy.builder().destination(destination).tls(tls).build());
    }

    @Test
    void everyStepOfATransactionIsReportedAndNothingIsSent() {
        TestTransaction report = transactions.run(at(customer.destination(), TlsPolicy.OPPORTUNISTIC));

        assertThat(report.succeeded()).isTrue();
        assertThat(report.destination()).isEqualTo(customer.destination().asString());
        assertThat(report.steps()).extracting(TestTransaction.Step::command).containsExactly("TLS policy of 127.0.0.1",
            "connect " + customer.destination(), "EHLO mx.test", "MAIL FROM:<>", "RCPT TO:<postmaster@customer.example>", "RSET", "QUIT");
        assertThat(report.steps().get(0).reply()).contains("opportunistic (tls setting opportunistic)");
        assertThat(report.steps().get(1).reply()).contains(LoopbackSmtpServer.GREETING);
        assertThat(customer.received()).isEmpty();
    }

    @Test
    void aRefusedRecipientFailsTheTest() {
        customer.replyTo("postmaster@customer.example", "550 5.1.1 no such user");

        TestTransaction report = transactions.run(at(customer.destination(), TlsPolicy.OFF));

        assertThat(report.succeeded()).isFalse();
        assertThat(report.steps()).filteredOn(step -> !step.ok()).extracting(TestTransaction.Step::reply)
            .containsExactly(Optional.of("550 5.1.1 no such user"));
    }

    @Test
    void aRequiredTlsThatIsNotOfferedFailsTheTestAtStartTls() {
        TestTransaction report = transactions.run(at(customer.destination(), TlsPolicy.REQUIRED));

        assertThat(report.succeeded()).isFalse();
        assertThat(report.steps()).last().extracting(TestTransaction.Step::command).isEqualTo("STARTTLS");
    }

    @Test
    void aDestinationThatDoesNotAnswerFailsAtConnect() throws Exception {
        Destination closed = LoopbackSmtpServer.closedPort();

        TestTransaction report = transactions.run(at(closed, TlsPolicy.OPPORTUNISTIC));

        assertThat(report.succeeded()).isFalse();
        assertThat(report.steps()).extracting(TestTransaction.Step::command).containsExactly("TLS policy of 127.0.0.1", "connect " + closed);
    }
}
