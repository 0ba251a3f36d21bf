package org.mxsuite.accept.scan;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.Mail;
import org.mxsuite.accept.check.CheckOutcomes;
import org.mxsuite.domain.InboundCheck;
import org.mxsuite.scan.ScannerFailureAction;
import org.mxsuite.scan.ScannerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a scan does with mail it cannot judge: a message over the size limit is accepted unscanned, and one the
 * scanner gave no verdict on is deferred with 451 4.3.0 or accepted, as the scanner's {@code onFailure} says. Mail
 * accepted unscanned is marked in a header ({@code X-Virus-Scan}, {@code X-Spam-Scan}), logged and counted.
 */
final class UnscannedMail {
    private static final Logger LOGGER = LoggerFactory.getLogger(UnscannedMail.class);

    private final InboundCheck check;
    private final ScannerSettings settings;
    private final CheckOutcomes outcomes;
    private final String header;
    private final String scanner;

    /** @param scanner how the 451 names it: "Virus scanner" */
    UnscannedMail(InboundCheck check, ScannerSettings settings, CheckOutcomes outcomes, String header, String scanner) {
        this.check = check;
        this.settings = settings;
        this.outcomes = outcomes;
        this.header = header;
        this.scanner = scanner;
    }

    /** Whether the message is too large to scan; if so it is marked, logged and counted ({@code skipped_size}). */
    boolean skipsTooLarge(Mail mail) throws MessagingException {
        long size = mail.getMessageSize();
        if (size <= settings.maxSize()) {
            return false;
        }
        outcomes.count(check, "skipped_size");
        LOGGER.info("{} skipped: {} from <{}> is {} bytes, over the limit of {}", check.field(), mail.getName(),
            mail.getMaybeSender().asString(""), size, settings.maxSize());
        MarkedMessage.setHeader(mail, header, "skipped (size " + size + " > limit " + settings.maxSize() + ")");
        return true;
    }

    /** No verdict: 451 4.3.0, or accepted and marked; counted as {@code unavailable} either way. */
    HookResult noVerdict(SMTPSession session, Mail mail, MailAddress recipient, Exception cause) {
        if (settings.onFailure() == ScannerFailureAction.DEFER) {
            LOGGER.warn("{} has no verdict on {}: {}", check.field(), mail.getName(), cause.getMessage());
            return outcomes.refuse(check, "unavailable", session, mail.getMaybeSender(), recipient, "451",
                "4.3.0 " + scanner + " unavailable, try again later");
        }
        outcomes.count(check, "unavailable");
        LOGGER.warn("{} has no verdict on {}, accepted unscanned ({}.onFailure=accept): {}", check.field(), mail.getName(),
            settings.prefix(), cause.getMessage());
        try {
            MarkedMessage.setHeader(mail, header, "not scanned (scanner unavailable)");
        } catch (MessagingException e) {
            LOGGER.warn("Cannot mark {} as not scanned", mail.getName(), e);
        }
        return HookResult.DECLINED;
    }
}
