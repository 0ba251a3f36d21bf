package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.trace.TraceOutcome;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.TlsPolicy;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HeldRecipient;
import org.mxsuite.state.H2StateStoreExtension;

class BatchDeliveryTest {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private LoopbackSmtpServer customer;
    private DeliveryParts parts;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private BatchDelivery delivery;
    private DomainState state;

    @BeforeEach
    void setUp() throws Exception {
        customer = new LoopbackSmtpServer();
        parts = new DeliveryParts(h2.stateStore());
        delivery = new BatchDelivery(parts.queue, parts.usage, parts.leases, new DeliveryRules(parts.domains), parts.connector,
            parts.throttle, parts.bouncer, parts.metrics, parts.woken::add, running::get, parts.clock, parts.trace);
        state = parts.state();
    }

    @AfterEach
    void tearDown() throws Exception {
        customer.close();
    }

    private HostedDomain hostedAt(LoopbackSmtpServer server) {
        return parts.host(HoldPolicy.builder().destination(server.destination()).tls(TlsPolicy.OFF).build());
    }

    /** As the scheduler calls it: the delivery counted in first. */
    private void deliver(HostedDomain domain) {
        state.activeDeliveries.incrementAndGet();
        delivery.deliver(domain, state);
    }

    @Test
    void dueMailIsDeliveredAndLeavesTheQueue() throws Exception {
        HostedDomain domain = hostedAt(customer);
        HeldMessageId first = parts.hold("sender@sender.example", "a@customer.example", "b@customer.example");
        HeldMessageId second = parts.hold("sender@sender.example", "c@customer.example");

        deliver(domain);

        assertThat(customer.received()).extracting(received -> received.recipients).containsExactlyInAnyOrder(
            List.of("a@customer.example", "b@customer.example"), List.of("c@customer.example"));
        assertThat(customer.received().get(0).content).isEqualTo("Subject: held\r\n\r\nbody\r\n");
        assertThat(parts.queue.get(first)).isEmpty();
        assertThat(parts.queue.get(second)).isEmpty();
        assertThat(parts.count("mxsuite_delivered_recipients")).isEqualTo(3);
        assertThat(state.health.state()).isEqualTo(DestinationHealth.State.UP);
        assertThat(state.activeDeliveries.get()).isZero();
        assertThat(customer.commands()).last().isEqualTo("QUIT");
    }

    @Test
    void aPermanentRefusalIsReturnedToTheSenderAndATemporaryOneWaitsForTheRetryInterval() throws Exception {
        HostedDomain domain = hostedAt(customer);
        customer.replyTo("gone@customer.example", "550 5.1.1 no such user");
        customer.replyTo("full@customer.example", "452 4.2.2 mailbox full");
        HeldMessageId id = parts.hold("sender@sender.example", "gone@customer.example", "full@customer.example", "ok@customer.example");
        Instant sentAt = parts.clock.instant();

        deliver(domain);

        assertThat(parts.bouncer.bounces).hasSize(1);
        assertThat(parts.bouncer.bounces.get(0)).extracting(status -> status.recipient().asString())
            .containsExactly("gone@customer.example");
        HeldMessage held = parts.queue.get(id).orElseThrow();
        assertThat(held.recipients()).extracting(recipient -> recipient.address().asString()).containsExactly("full@customer.example");
        HeldRecipient full = held.recipients().get(0);
        assertThat(full.nextAttempt()).isEqualTo(sentAt.plus(HoldPolicy.DEFAULT_RETRY_INTERVAL));
        assertThat(full.lastReply()).contains("452 4.2.2 mailbox full");
        assertThat(parts.count("mxsuite_delivered_recipients")).isEqualTo(1);
        assertThat(parts.count("mxsuite_bounced_recipients")).isEqualTo(1);
        assertThat(parts.count("mxsuite_deferred_recipients")).isEqualTo(1);
        // each recipient's attempt in the trace, with where it went and the reply
        assertThat(parts.traced()).extracting(event -> event.recipient().get() + " " + event.outcome().asString() + " " + event.reply())
            .containsExactlyInAnyOrder("gone@customer.example failed 550 5.1.1 no such user",
                "full@customer.example deferred 452 4.2.2 mailbox full", "ok@customer.example delivered 250 2.0.0 queued");
        assertThat(parts.traced()).allSatisfy(event -> {
            assertThat(event.heldId()).hasValue(id.asString());
            assertThat(event.domain()).isEqualTo("customer.example");
            assertThat(event.sender()).isEqualTo("sender@sender.example");
            assertThat(event.address()).hasValue("127.0.0.1");
            assertThat(event.host()).isPresent();
            assertThat(event.tls()).hasValue(false);
        });
    }

    @Test
    void aRefusalWhoseBounceCannotBeSentStaysHeld() throws Exception {
        HostedDomain domain = hostedAt(customer);
        customer.replyTo("gone@customer.example", "550 5.1.1 no such user");
        HeldMessageId id = parts.hold("sender@sender.example", "gone@customer.example");
        parts.bouncer.failing = true;

        deliver(domain);

        HeldRecipient gone = parts.queue.get(id).orElseThrow().recipients().get(0);
        assertThat(gone.nextAttempt()).isEqualTo(parts.clock.instant().plus(HoldPolicy.DEFAULT_RETRY_INTERVAL));
        assertThat(gone.lastReply()).contains("550 5.1.1 no such user");
    }

    @Test
    void aRefusalOfMailWithoutSenderTellsNobody() throws Exception {
        HostedDomain domain = hostedAt(customer);
        customer.replyTo("gone@customer.example", "550 5.1.1 no such user");
        HeldMessageId id = parts.hold("", "gone@customer.example");

        deliver(domain);

        assertThat(parts.bouncer.bounces).isEmpty();
        assertThat(parts.queue.get(id)).isEmpty();
    }

    @Test
    void anUnreachableDestinationIsMarkedDownAndItsMailStaysDue() throws Exception {
        HostedDomain domain = parts.host(HoldPolicy.builder().destination(LoopbackSmtpServer.closedPort()).build());
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        Instant failedAt = parts.clock.instant();

        deliver(domain);

        assertThat(state.health.state()).isEqualTo(DestinationHealth.State.DOWN);
        assertThat(state.health.lastFailure()).isPresent();
        HeldRecipient recipient = parts.queue.get(id).orElseThrow().recipients().get(0);
        assertThat(recipient.attempts()).isEqualTo(1);
        assertThat(recipient.nextAttempt()).isEqualTo(failedAt.plusMillis(1));
        assertThat(parts.count("mxsuite_deferred_recipients")).isEqualTo(1);
        assertThat(parts.traced()).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(TraceOutcome.DEFERRED);
            assertThat(event.reply()).startsWith("421 4.4.1 cannot connect");
            assertThat(event.host()).isEmpty();
        });
        assertThat(state.activeDeliveries.get()).isZero();
    }

    @Test
    void aSecondConnectionToADestinationAlreadyDownRecordsNoSecondAttempt() throws Exception {
        HostedDomain domain = parts.host(HoldPolicy.builder().destination(LoopbackSmtpServer.closedPort()).build());
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        deliver(domain);
        parts.clock.advance(Duration.ofSeconds(1));

        deliver(domain);

        assertThat(parts.queue.get(id).orElseThrow().recipients().get(0).attempts()).isEqualTo(1);
    }

    @Test
    void mailIsNotDeliveredOnceTheDomainIsPausedOrItsDestinationChanged() throws Exception {
        HostedDomain domain = hostedAt(customer);
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        parts.host(domain.holdPolicy().orElseThrow().toBuilder().paused(true).build());

        deliver(domain);
        parts.host(domain.holdPolicy().orElseThrow().toBuilder().tls(TlsPolicy.REQUIRED).build());
        deliver(domain);

        assertThat(customer.received()).isEmpty();
        assertThat(parts.queue.get(id).orElseThrow().recipients().get(0).attempts()).isZero();
        assertThat(customer.commands()).containsExactly("EHLO mx.test", "QUIT", "EHLO mx.test", "QUIT");
    }

    @Test
    void aStoppedEngineSendsNoFurtherBatch() throws Exception {
        HostedDomain domain = hostedAt(customer);
        parts.hold("sender@sender.example", "a@customer.example");
        running.set(false);

        deliver(domain);

        assertThat(customer.received()).isEmpty();
    }

    @Test
    void mailThatWaitsForItsRetryTimeGoesAsSoonAsADestinationNotKnownToAnswerAnswers() throws Exception {
        HostedDomain domain = hostedAt(customer);
        parts.hold("sender@sender.example", "a@customer.example");
        parts.deferAll(parts.clock.instant().plus(Duration.ofHours(1)));

        deliver(domain);

        assertThat(customer.received()).hasSize(1);
    }

    @Test
    void withAMaxRateEachMessageWaitsForItsSendTime() throws Exception {
        HostedDomain domain = parts.host(HoldPolicy.builder().destination(customer.destination()).tls(TlsPolicy.OFF)
            .maxRate(Optional.of(2.0)).build());
        for (int i = 0; i < 5; i++) {
            parts.hold("sender@sender.example", "r" + i + "@customer.example");
        }
        Instant start = parts.clock.instant();

        deliver(domain);

        assertThat(customer.received()).hasSize(5);
        assertThat(parts.waits).containsExactly(start, start.plusMillis(500), start.plusMillis(1000), start.plusMillis(1500),
            start.plusMillis(2000));
    }

    @Test
    void withoutLimitsNothingWaits() throws Exception {
        HostedDomain domain = hostedAt(customer);
        parts.hold("sender@sender.example", "a@customer.example");
        parts.hold("sender@sender.example", "b@customer.example");

        deliver(domain);

        assertThat(customer.received()).hasSize(2);
        assertThat(parts.waits).isEmpty();
    }

    @Test
    void noConnectionIsOpenedWhileTheDomainsMaxConnectionsAreTakenElsewhere() throws Exception {
        HostedDomain domain = parts.host(HoldPolicy.builder().destination(customer.destination()).tls(TlsPolicy.OFF)
            .maxConnections(Optional.of(1)).build());
        parts.hold("sender@sender.example", "a@customer.example");
        Instant now = parts.clock.instant();
        parts.throttles.takeConnection(DeliveryParts.DOMAIN, 1, "another-node", now, now.plus(Duration.ofMinutes(2)));

        deliver(domain);
        assertThat(customer.commands()).as("no connection while the one slot is another node's").isEmpty();
        assertThat(state.activeDeliveries.get()).isZero();

        // the other node died: its lease runs out and the slot is free again
        parts.clock.advance(Duration.ofMinutes(2));
        deliver(domain);
        assertThat(customer.received()).hasSize(1);
        assertThat(parts.throttles.takeConnection(DeliveryParts.DOMAIN, 1, "later", parts.clock.instant(),
            parts.clock.instant().plusSeconds(60))).as("the delivery gave its slot back").isPresent();
    }
}
