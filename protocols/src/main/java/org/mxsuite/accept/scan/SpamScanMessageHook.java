package org.mxsuite.accept.scan;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.Mail;
import org.mxsuite.accept.check.CheckOutcomes;
import org.mxsuite.accept.check.InboundCheckGate;
import org.mxsuite.accept.client.ReverseDnsRcptHook;
import org.mxsuite.domain.InboundCheck;
import org.mxsuite.scan.RspamdClient;
import org.mxsuite.scan.ScannerSettings;
import org.mxsuite.scan.SpamEnvelope;
import org.mxsuite.scan.SpamVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spam scoring at the end of DATA by rspamd ({@code spamScan.rspamd}), its action answered at once: {@code reject}
 * 554 5.7.1, {@code soft reject} and {@code greylist} 450 4.7.1; otherwise the message is accepted with
 * {@code X-Spam-Flag}, {@code X-Spam-Score}, {@code X-Spam-Action} and {@code X-Spam-Status} headers, and the
 * customer's server decides what to do with {@code add header} and {@code rewrite subject}. An rspamd that gives no
 * verdict lets the message through (counted; {@code spamScan.onFailure=defer}: 451 4.3.0). Scanned when the check is
 * on for any recipient's domain (DATA has one reply for all).
 */
public class SpamScanMessageHook extends ScanningMessageHook {
    static final String SKIPPED_HEADER = "X-Spam-Scan";
    private static final Logger LOGGER = LoggerFactory.getLogger(SpamScanMessageHook.class);

    private final CheckOutcomes outcomes;
    private final Optional<RspamdClient> rspamd;

    @Inject
    public SpamScanMessageHook(InboundCheckGate gate, CheckOutcomes outcomes, @Named(ScannerSettings.SPAM_SCAN) ScannerSettings settings,
                               Optional<RspamdClient> rspamd) {
        super(InboundCheck.SPAM_SCAN, gate, new UnscannedMail(InboundCheck.SPAM_SCAN, settings, outcomes, SKIPPED_HEADER, "Spam scanner"));
        this.outcomes = outcomes;
        this.rspamd = rspamd;
    }

    @Override
    boolean configured() {
        return rspamd.isPresent();
    }

    @Override
    HookResult scan(SMTPSession session, Mail mail, MailAddress scannedFor, InputStream message) throws IOException, MessagingException {
        return answer(session, mail, scannedFor, rspamd.orElseThrow().check(message, envelope(session, mail)));
    }

    private HookResult answer(SMTPSession session, Mail mail, MailAddress recipient, SpamVerdict verdict) throws MessagingException {
        String outcome = verdict.action().wireName().replace(' ', '_');
        switch (verdict.action()) {
            case REJECT:
                return outcomes.refuse(InboundCheck.SPAM_SCAN, outcome, session, mail.getMaybeSender(), recipient, "554",
                    "5.7.1 Message rejected as spam");
            case SOFT_REJECT:
            case GREYLIST:
                return outcomes.refuse(InboundCheck.SPAM_SCAN, outcome, session, mail.getMaybeSender(), recipient, "450",
                    "4.7.1 Message deferred, try again later");
            default:
                outcomes.count(InboundCheck.SPAM_SCAN, outcome);
                LOGGER.info("spamScan {}: {} from <{}> to <{}>: {}", outcome, mail.getName(), mail.getMaybeSender().asString(""),
                    recipient.asString(), verdict);
                mark(mail, verdict);
                return HookResult.DECLINED;
        }
    }

    /** SpamAssassin's header names, which mail clients and filters already know. */
    private static void mark(Mail mail, SpamVerdict verdict) throws MessagingException {
        boolean spam = verdict.action().marksSpam();
        MarkedMessage.setHeader(mail, "X-Spam-Flag", spam ? "YES" : "NO");
        MarkedMessage.setHeader(mail, "X-Spam-Score", SpamVerdict.format(verdict.score()));
        MarkedMessage.setHeader(mail, "X-Spam-Action", verdict.action().wireName());
        MarkedMessage.setHeader(mail, "X-Spam-Status", (spam ? "Yes" : "No") + ", score=" + SpamVerdict.format(verdict.score())
            + " required=" + SpamVerdict.format(verdict.requiredScore()) + " tests=" + String.join(",", verdict.symbols()));
    }

    private static SpamEnvelope envelope(SMTPSession session, Mail mail) {
        List<String> recipients = mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.toList());
        // the client's name only where reverse DNS confirmed it; "unknown" tells rspamd there is none
        Optional<String> hostname = ReverseDnsRcptHook.knownVerdict(session)
            .map(verdict -> verdict.confirmedName().orElse("unknown"));
        return new SpamEnvelope(mail.getMaybeSender().asString(""), recipients, CheckOutcomes.clientAddress(session),
            session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection),
            hostname, Optional.ofNullable(session.getUsername()).map(Username::asString), mail.getName());
    }
}
