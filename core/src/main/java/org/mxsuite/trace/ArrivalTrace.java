package org.mxsuite.trace;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Mail;

/**
 * The first steps of mail's life as trace events, one per recipient: accepted (who sent it, from where, its size and
 * message-id) and held (the hold queue's id, which ties the delivery attempts to the message-id).
 */
public class ArrivalTrace {
    public static final ArrivalTrace OFF = new ArrivalTrace(TraceRecorder.OFF, Clock.systemUTC());

    private final TraceRecorder recorder;
    private final Clock clock;

    @Inject
    public ArrivalTrace(TraceRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    /** James took the mail (it is in the spool). */
    public void accepted(Mail mail) {
        Instant now = clock.instant();
        Optional<String> messageId = messageId(mail);
        long size = size(mail);
        for (MailAddress recipient : mail.getRecipients()) {
            recorder.record(of(TraceOutcome.ACCEPTED, now, mail.getMaybeSender(), recipient)
                .client(Optional.ofNullable(mail.getRemoteAddr())).messageId(messageId).size(size).build());
        }
    }

    /** The mail's recipients of one domain are in the hold queue as {@code heldId}. */
    public void held(Mail mail, MaybeSender sender, Collection<MailAddress> recipients, String heldId, long size) {
        Instant now = clock.instant();
        Optional<String> messageId = messageId(mail);
        for (MailAddress recipient : recipients) {
            recorder.record(of(TraceOutcome.HELD, now, sender, recipient).heldId(heldId).messageId(messageId).size(size).build());
        }
    }

    private static TraceEvent.Builder of(TraceOutcome outcome, Instant at, MaybeSender sender, MailAddress recipient) {
        return TraceEvent.builder(outcome, at, recipient.getDomain().asString()).sender(sender.asString("")).recipient(recipient.asString());
    }

    private static Optional<String> messageId(Mail mail) {
        try {
            return Optional.ofNullable(mail.getMessage()).map(ArrivalTrace::idOf);
        } catch (MessagingException | RuntimeException e) {
            // a message whose header cannot be read is traced without its id
            return Optional.empty();
        }
    }

    private static String idOf(javax.mail.internet.MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static long size(Mail mail) {
        try {
            return mail.getMessageSize();
        } catch (MessagingException e) {
            return 0;
        }
    }
}
