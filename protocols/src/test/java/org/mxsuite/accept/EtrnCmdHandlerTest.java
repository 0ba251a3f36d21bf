package org.mxsuite.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;
import static org.mxsuite.testing.Addresses.sender;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.Response;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.domain.Destination;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.MemoryHoldQueue;
import org.mxsuite.hold.Outcome;
import org.mxsuite.relay.MemoryRelayAccountStore;
import org.mxsuite.relay.PasswordHash;
import org.mxsuite.relay.RelayAccount;
import org.mxsuite.relay.RelayAccountName;
import org.mxsuite.relay.RelayAccountStore;
import org.mxsuite.relay.RelayClients;
import org.mxsuite.relay.RelaySettings;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.testing.RecordingBouncer;
import org.mxsuite.testing.UnstartedDeliveryEngine;

class EtrnCmdHandlerTest {
    private static final DomainName CUSTOMER = DomainName.of("customer.example");
    /** The customer's server, the destination of its domain. */
    private static final String ITS_SERVER = "192.0.2.25";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final HostedDomainStore domains = new MemoryHostedDomainStore();
    private final HoldQueue queue = new MemoryHoldQueue(clock);
    private final RelayAccountStore accounts = new MemoryRelayAccountStore();
    private final EtrnCmdHandler handler = new EtrnCmdHandler(domains, queue,
        UnstartedDeliveryEngine.on(queue, domains, new RecordingBouncer(), clock), UnstartedDeliveryEngine.resolver(clock),
        new RelayClients(accounts, new RelaySettings(200, true, Optional.empty(), List.of())));

    EtrnCmdHandlerTest() {
        host(CUSTOMER, false);
    }

    private void host(DomainName name, boolean paused) {
        domains.put(HostedDomain.holding(name, ServiceKind.BACKUP,
            HoldPolicy.builder().destination(Destination.parse("[" + ITS_SERVER + "]:25")).paused(paused).build()));
    }

    private HeldMessageId holdDeferred(DomainName domain) throws Exception {
        String recipient = "a@" + domain.asString();
        HeldMessageId id = queue.hold(domain, sender("alice@sender.example"), List.of(address(recipient)),
            new ByteArrayInputStream("x".getBytes()));
        queue.claimMessage(id, NOW, "node", Duration.ofMinutes(1));
        queue.record(id, List.of(Outcome.deferred(address(recipient), "421 try later", NOW.plus(Duration.ofHours(1)))));
        return id;
    }

    private Response etrn(FakeSmtpSession session, String argument) {
        return handler.onCommand(session, new BaseRequest("ETRN", argument));
    }

    private static String reply(Response response) {
        return String.join("\n", response.getLines());
    }

    @Test
    void theDomainsServerGetsItsHeldMailDueNow() throws Exception {
        holdDeferred(CUSTOMER);

        Response response = etrn(FakeSmtpSession.from(ITS_SERVER), "customer.example");

        assertThat(reply(response)).isEqualTo("253 2.0.0 OK, 1 pending message for node customer.example started");
        assertThat(queue.dueTimes()).containsEntry(CUSTOMER, NOW);
    }

    @Test
    void nothingHeldIsSaid() {
        assertThat(etrn(FakeSmtpSession.from(ITS_SERVER), "#customer.example").getRetCode()).isEqualTo("251");
    }

    @Test
    void aStrangerLearnsNothingOfTheQueue() throws Exception {
        holdDeferred(CUSTOMER);

        assertThat(etrn(FakeSmtpSession.from("198.51.100.1"), "customer.example").getRetCode()).isEqualTo("459");
        assertThat(etrn(FakeSmtpSession.from("198.51.100.1"), "unknown.example").getRetCode()).as("hosted or not").isEqualTo("459");
        assertThat(queue.dueTimes()).containsEntry(CUSTOMER, NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void aTrustedNetworkIsToldWhatIsNoBackupDomain() {
        assertThat(etrn(FakeSmtpSession.from("10.0.0.1").trusted(), "unknown.example").getRetCode()).isEqualTo("458");
    }

    @Test
    void theRelayAccountThatOwnsTheDomainMayAsk() throws Exception {
        PasswordHash password = PasswordHash.of("long enough secret");
        accounts.put(new RelayAccount(RelayAccountName.of("customer"), password, Set.of(CUSTOMER), 200));
        accounts.put(new RelayAccount(RelayAccountName.of("other"), password, Set.of(DomainName.of("other.example")), 200));
        holdDeferred(CUSTOMER);

        assertThat(etrn(FakeSmtpSession.from("198.51.100.1").loggedInAs("other"), "customer.example").getRetCode()).isEqualTo("459");
        assertThat(etrn(FakeSmtpSession.from("198.51.100.1").loggedInAs("customer"), "customer.example").getRetCode()).isEqualTo("253");
    }

    @Test
    void anAtSignTakesTheHostedSubdomainsToo() throws Exception {
        host(DomainName.of("eu.customer.example"), false);
        holdDeferred(CUSTOMER);
        holdDeferred(DomainName.of("eu.customer.example"));

        assertThat(reply(etrn(FakeSmtpSession.from(ITS_SERVER), "@customer.example"))).contains("2 pending messages");
    }

    @Test
    void aPausedDomainIsNotFlushed() throws Exception {
        host(CUSTOMER, true);
        holdDeferred(CUSTOMER);

        assertThat(reply(etrn(FakeSmtpSession.from(ITS_SERVER), "customer.example"))).startsWith("458 4.3.0");
        assertThat(queue.dueTimes()).containsEntry(CUSTOMER, NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void somethingThatIsNoDomainIsASyntaxError() {
        assertThat(etrn(FakeSmtpSession.from(ITS_SERVER), "").getRetCode()).isEqualTo("501");
        assertThat(etrn(FakeSmtpSession.from(ITS_SERVER), "#not a domain").getRetCode()).isEqualTo("501");
    }
}
