package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HeldRecipient;

class MailetContextBouncerTest {
    /**
     * A sender held before SMTP acceptance refused control characters gets no DSN, and that is the end of it: the
     * report would throw, and the delivery engine would keep the message held to retry the DSN forever. Neither James
     * nor the queue is asked for anything (both absent here).
     */
    @Test
    void noDsnGoesToASenderWithControlCharacters() throws Exception {
        MailAddress sender = new MailAddress("\"alice\\\rRSET\"@sender.example");
        MailAddress recipient = new MailAddress("bob@customer.example");
        HeldMessage held = new HeldMessage(HeldMessageId.next(java.time.Clock.systemUTC()), DomainName.of("customer.example"), MaybeSender.of(sender), 10,
            Instant.now(), false, List.of(new HeldRecipient(recipient, 1, Optional.empty(), Instant.now())));
        List<RecipientStatus> failed = List.of(RecipientStatus.failed(recipient, "550 5.1.1 no", Optional.empty(), Optional.empty()));
        MailetContextBouncer bouncer = new MailetContextBouncer(null, null, "mx.mxsuite.test", null);

        assertThatCode(() -> bouncer.bounce(held, failed)).doesNotThrowAnyException();
        assertThatCode(() -> bouncer.warnDelay(held, failed)).doesNotThrowAnyException();
        assertThatCode(() -> MailetContextBouncer.returnToSender(null, null, null, "mx.mxsuite.test", sender, Instant.now(),
            new ByteArrayInputStream(new byte[0]), failed)).doesNotThrowAnyException();
    }
}
