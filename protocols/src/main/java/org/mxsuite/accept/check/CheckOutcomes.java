package org.mxsuite.accept.check;

import java.util.Locale;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.mxsuite.domain.InboundCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every decision of an SMTP-time check, logged with the client and the envelope and counted in James's metrics
 * ({@code mxsuite_check_<check>_<outcome>}, e.g. {@code mxsuite_check_greylisting_deferred}).
 */
public final class CheckOutcomes {
    private static final Logger LOGGER = LoggerFactory.getLogger(CheckOutcomes.class);

    private final MetricFactory metrics;

    @Inject
    public CheckOutcomes(MetricFactory metrics) {
        this.metrics = metrics;
    }

    /** Refuses the recipient (a 4xx defers, a 5xx rejects) and records why. */
    public HookResult refuse(InboundCheck check, String outcome, SMTPSession session, MaybeSender sender, MailAddress recipient,
                             String smtpCode, String description) {
        count(check, outcome);
        LOGGER.info("{} {}: client [{}] helo {} from <{}> to <{}>: {} {}", check.field(), outcome, clientAddress(session),
            session.getAttachment(SMTPSession.CURRENT_HELO_NAME, org.apache.james.protocols.api.ProtocolSession.State.Connection).orElse("-"),
            sender.asString(""), recipient.asString(), smtpCode, description);
        HookReturnCode code = smtpCode.startsWith("4") ? HookReturnCode.denySoft() : HookReturnCode.deny();
        return HookResult.builder().hookReturnCode(code).smtpReturnCode(smtpCode).smtpDescription(description).build();
    }

    /** Counts an outcome that lets the mail through ({@code passed}, {@code skipped}, {@code dns_failure}, ...). */
    public void count(InboundCheck check, String outcome) {
        metrics.generate("mxsuite_check_" + check.field().toLowerCase(Locale.ROOT) + "_" + outcome).increment();
    }

    public static String clientAddress(SMTPSession session) {
        return session.getRemoteAddress().getAddress().getHostAddress();
    }
}
