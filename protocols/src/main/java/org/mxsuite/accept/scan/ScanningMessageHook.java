package org.mxsuite.accept.scan;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.mxsuite.accept.check.InboundCheckGate;
import org.mxsuite.domain.InboundCheck;

/**
 * The way both scanners run at the end of DATA: only when their daemon is configured and the check is on for one of
 * the recipients' domains (DATA has one reply for all), never above the size limit, the message streamed to the
 * scanner, and a scanner that gives no verdict handled as its {@code onFailure} says ({@link UnscannedMail}).
 */
abstract class ScanningMessageHook implements JamesMessageHook {
    private final InboundCheck check;
    private final InboundCheckGate gate;
    private final UnscannedMail unscanned;

    ScanningMessageHook(InboundCheck check, InboundCheckGate gate, UnscannedMail unscanned) {
        this.check = check;
        this.gate = gate;
        this.unscanned = unscanned;
    }

    /** Whether this scanner's daemon is configured. */
    abstract boolean configured();

    /** Scans {@code message} (the mail's content) and answers the client from the verdict. */
    abstract HookResult scan(SMTPSession session, Mail mail, MailAddress scannedFor, InputStream message)
        throws IOException, MessagingException;

    @Override
    public final HookResult onMessage(SMTPSession session, Mail mail) {
        if (!configured()) {
            return HookResult.DECLINED;
        }
        Optional<MailAddress> scannedFor = gate.firstRecipientChecked(check, session, mail.getRecipients());
        if (scannedFor.isEmpty()) {
            return HookResult.DECLINED;
        }
        try {
            if (unscanned.skipsTooLarge(mail)) {
                return HookResult.DECLINED;
            }
            try (InputStream message = new MimeMessageInputStream(mail.getMessage())) {
                return scan(session, mail, scannedFor.get(), message);
            }
        } catch (IOException | MessagingException e) {
            return unscanned.noVerdict(session, mail, scannedFor.get(), e);
        }
    }
}
