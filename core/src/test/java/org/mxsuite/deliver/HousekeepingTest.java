package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.QueueUsage;
import org.mxsuite.state.H2StateStoreExtension;

class HousekeepingTest {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private DeliveryParts parts;
    private Housekeeping housekeeping;
    private HostedDomain domain;

    @BeforeEach
    void setUp() {
        parts = new DeliveryParts(h2.stateStore());
        housekeeping = new Housekeeping(parts.queue, parts.leases, parts.bouncer, parts.metrics, parts.settings, parts.clock, parts.trace);
        domain = parts.host(HoldPolicy.builder().retention(Optional.of(Duration.ofHours(6))).build());
    }

    @Test
    void mailHeldPastItsRetentionIsReturnedToItsSenderAndDropped() throws Exception {
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example", "b@customer.example");
        parts.usage.usage(DeliveryParts.DOMAIN);
        parts.clock.advance(Duration.ofHours(6).plusSeconds(1));

        housekeeping.run(domain);

        assertThat(parts.queue.get(id)).isEmpty();
        assertThat(parts.bouncer.bounces).hasSize(1);
        assertThat(parts.bouncer.bounces.get(0)).extracting(RecipientStatus::action)
            .containsOnly(RecipientStatus.Action.FAILED);
        assertThat(parts.count("mxsuite_bounced_recipients")).isEqualTo(2);
        assertThat(parts.usage.usage(DeliveryParts.DOMAIN)).isEqualTo(new QueueUsage(0, 0));
        assertThat(parts.traced()).extracting(event -> event.outcome().asString() + " " + event.recipient().get())
            .containsExactly("expired a@customer.example", "expired b@customer.example");
    }

    @Test
    void mailWithinItsRetentionStays() throws Exception {
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        parts.clock.advance(Duration.ofHours(5));
        new Housekeeping(parts.queue, parts.leases, parts.bouncer, parts.metrics,
            new DeliverySettings(Optional.empty(), 8, 16, 50, Duration.ofMinutes(2), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(3), Optional.empty(), Duration.ofSeconds(30), Optional.empty()), parts.clock, parts.trace).run(domain);

        assertThat(parts.queue.get(id)).isPresent();
        assertThat(parts.bouncer.bounces).isEmpty();
        assertThat(parts.bouncer.delayWarnings).isEmpty();
    }

    @Test
    void expiredMailWithoutSenderIsDroppedTellingNobody() throws Exception {
        HeldMessageId id = parts.hold("", "a@customer.example");
        parts.clock.advance(Duration.ofDays(1));

        housekeeping.run(domain);

        assertThat(parts.queue.get(id)).isEmpty();
        assertThat(parts.bouncer.bounces).isEmpty();
    }

    @Test
    void expiredMailWhoseBounceCannotBeSentStaysHeld() throws Exception {
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        parts.clock.advance(Duration.ofDays(1));
        parts.bouncer.failing = true;

        housekeeping.run(domain);

        assertThat(parts.queue.get(id)).isPresent();
        assertThat(parts.queue.claimMessage(id, parts.clock.instant(), "other-node", parts.settings.lease()))
            .as("its lease released").isTrue();
    }

    @Test
    void theSenderIsWarnedOfADelayOnce() throws Exception {
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        parts.clock.advance(parts.settings.delayWarning().orElseThrow().plusSeconds(1));

        housekeeping.run(domain);
        housekeeping.run(domain);

        assertThat(parts.bouncer.delayWarnings).hasSize(1);
        RecipientStatus warning = parts.bouncer.delayWarnings.get(0).get(0);
        assertThat(warning.action()).isEqualTo(RecipientStatus.Action.DELAYED);
        assertThat(parts.queue.get(id).orElseThrow().delayWarned()).isTrue();
        assertThat(parts.queue.claimMessage(id, parts.clock.instant(), "other-node", parts.settings.lease()))
            .as("its lease released").isTrue();
    }

    @Test
    void aDelayWarningThatCannotBeSentIsTriedAgain() throws Exception {
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        parts.clock.advance(parts.settings.delayWarning().orElseThrow().plusSeconds(1));
        parts.bouncer.failing = true;

        housekeeping.run(domain);
        parts.bouncer.failing = false;
        housekeeping.run(domain);

        assertThat(parts.bouncer.delayWarnings).hasSize(1);
        assertThat(parts.queue.get(id).orElseThrow().delayWarned()).isTrue();
    }

    @Test
    void mailUnderADeliveryIsLeftAlone() throws Exception {
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        assertThat(parts.queue.claim(DeliveryParts.DOMAIN, parts.clock.instant(), 10, "delivering-node", Duration.ofDays(2)))
            .hasSize(1);
        parts.clock.advance(Duration.ofDays(1));

        housekeeping.run(domain);

        assertThat(parts.queue.get(id)).isPresent();
        assertThat(parts.bouncer.bounces).isEmpty();
    }
}
