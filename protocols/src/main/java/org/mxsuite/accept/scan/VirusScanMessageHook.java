package org.mxsuite.accept.scan;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
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
public class VirusScanMessageHook extends ScanningMessageHook {
    static final String HEADER = "X-Virus-Scan";
    private static final Logger LOGGER = LoggerFactory.getLogger(VirusScanMessageHook.class);

    private final CheckOutcomes outcomes;
    private final Optional<ClamdClient> clamd;

    @Inject
    public VirusScanMessageHook(InboundCheckGate gate, CheckOutcomes outcomes, @Named(ScannerSettings.VIRUS_SCAN) ScannerSettings settings,
                                Optional<ClamdClient> clamd) {
        super(InboundCheck.VIRUS_SCAN, gate, new UnscannedMail(InboundCheck.VIRUS_SCAN, settings, outcomes, HEADER, "Virus scanner"));
        this.outcomes = outcomes;
        this.clamd = clamd;
    }

    @Override
    boolean configured() {
        return clamd.isPresent();
    }

    @Override
    HookResult scan(SMTPSession session, Mail mail, MailAddress scannedFor, InputStream message) throws IOException {
        long start = System.nanoTime();
        VirusVerdict verdict = clamd.orElseThrow().scan(message);
        if (verdict.isInfected()) {
            return outcomes.refuse(InboundCheck.VIRUS_SCAN, "infected", session, mail.getMaybeSender(), scannedFor, "554",
                "5.7.1 Message rejected: virus found (" + verdict.signature().orElseThrow() + ")");
        }
        outcomes.count(InboundCheck.VIRUS_SCAN, "clean");
        LOGGER.debug("virusScan clean: {} in {} ms", mail.getName(), (System.nanoTime() - start) / 1_000_000);
        return HookResult.DECLINED;
    }
}
