package org.mxsuite.deliver;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.domain.ControlCharacters;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.Origin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends DSNs through James's own mail processing, from the null sender (so a DSN never bounces back: RFC 5321
 * section 4.5.5), to the held message's sender; none where the {@link BackscatterGuard} says it would be backscatter,
 * and none to a sender whose address holds a control character (held before SMTP acceptance refused them: no server
 * should be given it).
 */
public class MailetContextBouncer implements Bouncer {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailetContextBouncer.class);
    private static final MailAddress NULL_SENDER = null;

    private final MailetContext mailetContext;
    private final HoldQueue queue;
    private final String reportingMta;
    private final BackscatterGuard guard;

    public MailetContextBouncer(MailetContext mailetContext, HoldQueue queue, String reportingMta, BackscatterGuard guard) {
        this.mailetContext = mailetContext;
        this.queue = queue;
        this.reportingMta = reportingMta;
        this.guard = guard;
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
        Optional<String> withheld = queue.origin(message.id()).flatMap(guard::withheldBecause);
        if (withheld.isPresent()) {
            LOGGER.info("no DSN for held message {} to {}: {}", message.id(), sender.asString(), withheld.get());
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
     * with the same report as held mail gets, under the same rules.
     */
    public static void returnToSender(MailetContext context, BackscatterGuard guard, Origin origin, String reportingMta,
                                      MailAddress sender, Instant arrival, InputStream content, List<RecipientStatus> recipients)
        throws MessagingException {
        if (ControlCharacters.in(sender.asString())) {
            LOGGER.warn("no DSN: the sender's address holds a control character");
            return;
        }
        Optional<String> withheld = guard.withheldBecause(origin);
        if (withheld.isPresent()) {
            LOGGER.info("no DSN to {}: {}", sender.asString(), withheld.get());
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
