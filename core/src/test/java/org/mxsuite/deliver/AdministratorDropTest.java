package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.state.H2StateStoreExtension;

class AdministratorDropTest {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private DeliveryParts parts;
    private AdministratorDrop drop;

    @BeforeEach
    void setUp() {
        parts = new DeliveryParts(h2.stateStore());
        parts.host(HoldPolicy.DEFAULT);
        // a message under a delivery is not waited for: the test gets the answer at once
        drop = new AdministratorDrop(parts.queue, parts.leases, parts.bouncer, parts.metrics, parts.clock, Duration.ZERO, parts.trace);
    }

    @Test
    void aDroppedMessageLeavesTheQueueWithoutTellingItsSenderUnlessAsked() throws Exception {
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");

        assertThat(drop.remove(id, false)).map(message -> message.id()).contains(id);
        assertThat(parts.traced()).extracting(event -> event.outcome().asString() + " " + event.reply())
            .containsExactly("dropped removed from the queue by the administrator");

        assertThat(parts.queue.get(id)).isEmpty();
        assertThat(parts.bouncer.bounces).isEmpty();
    }

    @Test
    void theSenderIsToldWhenAsked() throws Exception {
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example", "b@customer.example");

        drop.remove(id, true);

        assertThat(parts.bouncer.bounces).hasSize(1);
        assertThat(parts.bouncer.bounces.get(0)).extracting(RecipientStatus::status).containsOnly("5.0.0");
        assertThat(parts.count("mxsuite_bounced_recipients")).isEqualTo(2);
        assertThat(parts.queue.get(id)).isEmpty();
    }

    @Test
    void mailWithoutSenderIsDroppedTellingNobody() throws Exception {
        HeldMessageId id = parts.hold("", "a@customer.example");

        drop.remove(id, true);

        assertThat(parts.bouncer.bounces).isEmpty();
        assertThat(parts.queue.get(id)).isEmpty();
    }

    @Test
    void aMessageWhoseSenderCannotBeToldStaysHeld() throws Exception {
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        parts.bouncer.failing = true;

        assertThatThrownBy(() -> drop.remove(id, true)).hasMessageContaining("spool is full");

        assertThat(parts.queue.get(id)).isPresent();
        assertThat(parts.queue.claimMessage(id, parts.clock.instant(), "other-node", parts.settings.lease())).isTrue();
    }

    @Test
    void aMessageUnderADeliveryIsBusy() throws Exception {
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        parts.queue.claim(DeliveryParts.DOMAIN, parts.clock.instant(), 10, "delivering-node", Duration.ofMinutes(2));

        assertThatThrownBy(() -> drop.remove(id, false)).isInstanceOf(HeldMessageBusyException.class);

        assertThat(parts.queue.get(id)).isPresent();
    }

    @Test
    void aMessageNotHeldIsNotFound() throws Exception {
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        drop.remove(id, false);

        assertThat(drop.remove(id, false)).isEmpty();
    }
}
