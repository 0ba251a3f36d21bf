package org.mxsuite.deliver;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.domain.ControlCharacters;
import org.mxsuite.hold.HoldQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends DSNs through James's own mail processing, from the null sender (so a DSN never bounces back: RFC 5321
 * section 4.5.5), to the held message's sender; none to a sender whose address holds a control character (held
 * before SMTP acceptance refused them: no server should be given it).
 */
public class MailetContextBouncer implements Bouncer {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailetContextBouncer.class);
    private static final MailAddress NULL_SENDER = null;

    private final MailetContext mailetContext;
    private final HoldQueue queue;
    private final String reportingMta;

    public MailetContextBouncer(MailetContext mailetContext, HoldQueue queue, String reportingMta) {
        this.mailetContext = mailetContext;
        this.queue = queue;
        this.reportingMta = reportingMta;
    }

    @Override
    public void bounce(HeldMessage message, List<RecipientStatus> recipients) throws IOException, MessagingException {
        send(message, recipients);
    }

    @Override
    public void warnDelay(HeldMessage message, List<RecipientStatus> recipients) throws IOException, MessagingException {
        send(message, recipients);
    }

    private void send(HeldMessage message, List<RecipientStatus> recipients) throws IOException, MessagingException {
        MailAddress sender = message.sender().asOptional()
            .orElseThrow(() -> new IllegalArgumentException("no DSN to the null sender"));
        if (ControlCharacters.in(sender.asString())) {
            LOGGER.warn("no DSN for held message {}: its sender's address holds a control character", message.id());
            return;
        }
        MimeMessage dsn = queue.readContent(message.id(), content -> {
            try {
                return report(reportingMta, sender, message.receivedAt(), content, recipients)
                    .heldMessageId(message.id().asString())
                    .build();
            } catch (MessagingException e) {
                throw new IOException("cannot build the DSN of " + message.id(), e);
            }
        });
        mailetContext.sendMail(NULL_SENDER, List.of(sender), dsn);
    }

    /**
     * Returns mail that never reached the hold queue (a recipient a forward domain cannot forward) to its sender
     * with the same report as held mail gets.
     */
    public static void returnToSender(MailetContext context, String reportingMta, MailAddress sender, Instant arrival,
                                      InputStream content, List<RecipientStatus> recipients) throws MessagingException {
        if (ControlCharacters.in(sender.asString())) {
            LOGGER.warn("no DSN: the sender's address holds a control character");
            return;
        }
        context.sendMail(NULL_SENDER, List.of(sender), report(reportingMta, sender, arrival, content, recipients).build());
    }

    private static DeliveryStatusNotification.Builder report(String reportingMta, MailAddress sender, Instant arrival,
                                                             InputStream content, List<RecipientStatus> recipients) {
        DeliveryStatusNotification.Builder builder = DeliveryStatusNotification.builder()
            .reportingMta(reportingMta)
            .originalSender(sender)
            .arrivalDate(arrival)
            .originalHeaders(content);
        recipients.forEach(builder::recipient);
        return builder;
    }
}
