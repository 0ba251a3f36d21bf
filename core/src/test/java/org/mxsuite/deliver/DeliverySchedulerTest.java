package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.domain.TlsPolicy;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.state.H2StateStoreExtension;

/** Passes run by hand, their work at once on the calling thread: what a pass decides is seen as soon as it returns. */
class DeliverySchedulerTest {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private LoopbackSmtpServer customer;
    private DeliveryParts parts;
    private final AtomicBoolean workersFull = new AtomicBoolean();
    private DeliveryScheduler scheduler;

    @BeforeEach
    void setUp() throws Exception {
        customer = new LoopbackSmtpServer();
        parts = new DeliveryParts(h2.stateStore());
        Executor workers = task -> {
            if (workersFull.get()) {
                throw new RejectedExecutionException("every worker is busy");
            }
            task.run();
        };
        scheduler = new DeliveryScheduler(parts.queue, parts.domains, parts.metrics, parts.settings, parts.clock, workers,
            new DestinationProbe(parts.queue, parts.connector, parts.woken::add, parts.clock),
            new BatchDelivery(parts.queue, parts.usage, parts.leases, new DeliveryRules(parts.domains), parts.connector,
                parts.throttle, parts.bouncer, parts.metrics, parts.woken::add, () -> true, parts.clock, parts.trace),
            new Housekeeping(parts.queue, parts.leases, parts.bouncer, parts.metrics, parts.settings, parts.clock, parts.trace));
    }

    @AfterEach
    void tearDown() throws Exception {
        scheduler.close();
        customer.close();
    }

    private HostedDomain hostedAt(LoopbackSmtpServer server) {
        return parts.host(HoldPolicy.builder().destination(server.destination()).tls(TlsPolicy.OFF).build());
    }

    @Test
    void dueMailIsDeliveredInAPass() throws Exception {
        hostedAt(customer);
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");

        scheduler.pass();

        assertThat(customer.received()).hasSize(1);
        assertThat(parts.queue.get(id)).isEmpty();
    }

    @Test
    void aDestinationNotKnownToAnswerIsProbedWhileItsMailWaitsAndGetsItOnceItAnswers() throws Exception {
        hostedAt(customer);
        parts.hold("sender@sender.example", "a@customer.example");
        parts.deferAll(parts.clock.instant().plus(Duration.ofMinutes(10)));

        scheduler.pass();

        assertThat(customer.received()).isEmpty();
        assertThat(customer.commands()).containsExactly("EHLO mx.test", "QUIT");
        assertThat(parts.woken).containsExactly(DeliveryParts.DOMAIN);

        scheduler.pass();

        assertThat(customer.received()).hasSize(1);
    }

    @Test
    void aDestinationFoundDownIsNotTriedAgainBeforeItsProbeIsDue() throws Exception {
        parts.host(HoldPolicy.builder().destination(LoopbackSmtpServer.closedPort()).build());
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");

        scheduler.pass();
        scheduler.pass();

        assertThat(scheduler.isDestinationDown(DeliveryParts.DOMAIN)).isTrue();
        assertThat(scheduler.lastFailure(DeliveryParts.DOMAIN)).isPresent();
        assertThat(parts.queue.get(id).orElseThrow().recipients().get(0).attempts()).isEqualTo(1);
    }

    @Test
    void aDestinationFoundDownSaysNothingOfTheNextOneOnceTheSettingChanges() throws Exception {
        parts.host(HoldPolicy.builder().destination(LoopbackSmtpServer.closedPort()).build());
        parts.hold("sender@sender.example", "a@customer.example");
        scheduler.pass();
        scheduler.pass();
        assertThat(scheduler.isDestinationDown(DeliveryParts.DOMAIN)).isTrue();

        parts.host(HoldPolicy.builder().destination(org.mxsuite.domain.Destination.of("127.0.0.2", 25)).build());

        assertThat(scheduler.isDestinationDown(DeliveryParts.DOMAIN)).as("no pass yet: the new destination is unknown").isFalse();
    }

    @Test
    void aFlushForgetsThatTheDestinationWasDown() throws Exception {
        parts.host(HoldPolicy.builder().destination(LoopbackSmtpServer.closedPort()).build());
        parts.hold("sender@sender.example", "a@customer.example");
        scheduler.pass();

        assertThat(scheduler.flush(DeliveryParts.DOMAIN)).isEqualTo(1);

        assertThat(scheduler.isDestinationDown(DeliveryParts.DOMAIN)).isFalse();
        assertThat(scheduler.lastFailure(DeliveryParts.DOMAIN)).isEmpty();
    }

    @Test
    void aDomainThatHoldsNothingAnyMoreStartsAfresh() throws Exception {
        parts.host(HoldPolicy.builder().destination(LoopbackSmtpServer.closedPort()).build());
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        scheduler.pass();
        parts.queue.remove(id);

        scheduler.pass();

        assertThat(scheduler.isDestinationDown(DeliveryParts.DOMAIN)).isFalse();
    }

    @Test
    void aPausedDomainDeliversNothingButItsMailStillExpires() throws Exception {
        parts.host(HoldPolicy.builder().destination(customer.destination()).paused(true).build());
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        HeldMessageId old = parts.hold("sender@sender.example", "b@customer.example");
        parts.clock.advance(HoldPolicy.DEFAULT_RETENTION.plusSeconds(1));
        HeldMessageId young = parts.hold("sender@sender.example", "c@customer.example");

        scheduler.pass();

        assertThat(customer.commands()).isEmpty();
        assertThat(parts.queue.get(id)).isEmpty();
        assertThat(parts.queue.get(old)).isEmpty();
        assertThat(parts.queue.get(young)).isPresent();
        assertThat(parts.bouncer.bounces).hasSize(2);
    }

    @Test
    void mailHeldForAServiceThatHoldsNoMailIsLeftAlone() throws Exception {
        parts.domains.put(HostedDomain.of(DeliveryParts.DOMAIN, ServiceKind.MAILBOX));
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");

        scheduler.pass();

        assertThat(parts.queue.get(id).orElseThrow().recipients().get(0).attempts()).isZero();
    }

    @Test
    void aDeliveryNoWorkerTookIsNotCountedAsRunning() throws Exception {
        hostedAt(customer);
        parts.hold("sender@sender.example", "a@customer.example");
        workersFull.set(true);
        for (int i = 0; i <= parts.settings.connectionsPerDomain(); i++) {
            scheduler.pass();
        }
        workersFull.set(false);

        scheduler.pass();

        assertThat(customer.received()).hasSize(1);
    }
}
