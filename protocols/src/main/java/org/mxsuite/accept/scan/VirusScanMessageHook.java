package org.mxsuite.accept.scan;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.mxsuite.accept.check.CheckOutcomes;
import org.mxsuite.accept.check.InboundCheckGate;
import org.mxsuite.domain.InboundCheck;
import org.mxsuite.scan.ClamdClient;
import org.mxsuite.scan.ScannerFailureAction;
import org.mxsuite.scan.VirusScanSettings;
import org.mxsuite.scan.VirusVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virus scanning at the end of DATA, before the message is accepted, by clamd ({@code virusScan.clamd}): a virus gets
 * 554 5.7.1 with the signature's name. A scanner that gives no verdict gets 451 4.3.0 (or, with
 * {@code virusScan.onFailure=accept}, the message is accepted marked {@code X-Virus-Scan: not scanned}); a message
 * over {@code virusScan.maxSize} is accepted unscanned, marked as such. Scanned when the check is on for any
 * recipient's domain (DATA has one reply for all).
 */
public class VirusScanMessageHook implements JamesMessageHook {
    static final String HEADER = "X-Virus-Scan";
    private static final Logger LOGGER = LoggerFactory.getLogger(VirusScanMessageHook.class);

    private final InboundCheckGate gate;
    private final CheckOutcomes outcomes;
    private final VirusScanSettings settings;
    private final Optional<ClamdClient> clamd;

    @Inject
    public VirusScanMessageHook(InboundCheckGate gate, CheckOutcomes outcomes, VirusScanSettings settings, Optional<ClamdClient> clamd) {
        this.gate = gate;
        this.outcomes = outcomes;
        this.settings = settings;
        this.clamd = clamd;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (clamd.isEmpty()) {
            return HookResult.DECLINED;
        }
        Optional<MailAddress> scannedFor = gate.firstRecipientChecked(InboundCheck.VIRUS_SCAN, session, mail.getRecipients());
        if (scannedFor.isEmpty()) {
            return HookResult.DECLINED;
        }
        try {
            long size = mail.getMessageSize();
            if (size > settings.maxSize()) {
                outcomes.count(InboundCheck.VIRUS_SCAN, "skipped_size");
                LOGGER.info("virusScan skipped: {} from <{}> is {} bytes, over the limit of {}", mail.getName(),
                    mail.getMaybeSender().asString(""), size, settings.maxSize());
                MarkedMessage.setHeader(mail, HEADER, "skipped (size " + size + " > limit " + settings.maxSize() + ")");
                return HookResult.DECLINED;
            }
            long start = System.nanoTime();
            VirusVerdict verdict;
            try (InputStream message = new MimeMessageInputStream(mail.getMessage())) {
                verdict = clamd.get().scan(message);
            }
            if (verdict.isInfected()) {
                return outcomes.refuse(InboundCheck.VIRUS_SCAN, "infected", session, mail.getMaybeSender(), scannedFor.get(), "554",
                    "5.7.1 Message rejected: virus found (" + verdict.signature().orElseThrow() + ")");
            }
            outcomes.count(InboundCheck.VIRUS_SCAN, "clean");
            LOGGER.debug("virusScan clean: {} ({} bytes) in {} ms", mail.getName(), size, (System.nanoTime() - start) / 1_000_000);
            return HookResult.DECLINED;
        } catch (IOException | MessagingException e) {
            return noVerdict(session, mail, scannedFor.get(), e);
        }
    }

    private HookResult noVerdict(SMTPSession session, Mail mail, MailAddress recipient, Exception cause) {
        if (settings.onFailure() == ScannerFailureAction.DEFER) {
            LOGGER.warn("virusScan has no verdict on {}: {}", mail.getName(), cause.getMessage());
            return outcomes.refuse(InboundCheck.VIRUS_SCAN, "unavailable", session, mail.getMaybeSender(), recipient, "451",
                "4.3.0 Virus scanner unavailable, try again later");
        }
        outcomes.count(InboundCheck.VIRUS_SCAN, "unavailable_accepted");
        LOGGER.warn("virusScan has no verdict on {}, accepted unscanned (virusScan.onFailure=accept): {}", mail.getName(), cause.getMessage());
        try {
            MarkedMessage.setHeader(mail, HEADER, "not scanned (scanner unavailable)");
        } catch (MessagingException e) {
            LOGGER.warn("Cannot mark {} as not scanned", mail.getName(), e);
        }
        return HookResult.DECLINED;
    }
}
