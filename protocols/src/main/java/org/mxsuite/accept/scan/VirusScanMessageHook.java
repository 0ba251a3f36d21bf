package org.mxsuite.accept.scan;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;
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
import org.mxsuite.scan.ScannerSettings;
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
    private final UnscannedMail unscanned;
    private final Optional<ClamdClient> clamd;

    @Inject
    public VirusScanMessageHook(InboundCheckGate gate, CheckOutcomes outcomes, @Named(ScannerSettings.VIRUS_SCAN) ScannerSettings settings,
                                Optional<ClamdClient> clamd) {
        this.gate = gate;
        this.outcomes = outcomes;
        this.unscanned = new UnscannedMail(InboundCheck.VIRUS_SCAN, settings, outcomes, HEADER, "Virus scanner");
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
            if (unscanned.skipsTooLarge(mail)) {
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
            LOGGER.debug("virusScan clean: {} in {} ms", mail.getName(), (System.nanoTime() - start) / 1_000_000);
            return HookResult.DECLINED;
        } catch (IOException | MessagingException e) {
            return unscanned.noVerdict(session, mail, scannedFor.get(), e);
        }
    }
}
