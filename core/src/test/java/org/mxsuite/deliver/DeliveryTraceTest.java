package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.state.H2StateStoreExtension;
import org.mxsuite.testing.RecordingBouncer;

class DeliveryTraceTest {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Test
    void aReturnIsRecordedOncePerRecipientAfterTheBouncerSentIt() throws Exception {
        DeliveryParts parts = new DeliveryParts(h2.stateStore());
        HeldMessageId id = parts.hold("sender@sender.example", "gone@customer.example");
        HeldMessage message = parts.queue.get(id).orElseThrow();
        RecordingBouncer sent = new RecordingBouncer();

        parts.trace.returns(sent).bounce(message, List.of(RecipientStatus.failed(new MailAddress("gone@customer.example"),
            "550 5.1.1 no such user", Optional.empty(), Optional.empty())));
        parts.trace.returns(sent).warnDelay(message, List.of());

        assertThat(sent.bounced()).hasSize(1);
        assertThat(sent.warned()).hasSize(1);
        assertThat(parts.traced()).singleElement().satisfies(event -> {
            assertThat(event.outcome().asString()).isEqualTo("returned");
            assertThat(event.recipient()).hasValue("gone@customer.example");
            assertThat(event.reply()).isEqualTo("550 5.1.1 no such user");
            assertThat(event.heldId()).hasValue(id.asString());
        });
    }
}
