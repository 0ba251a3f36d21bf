package org.mxsuite.accept;

import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.Service;
import org.mxsuite.forward.Srs;

/**
 * RCPT for forward domains and for our SRS addresses, from anyone without authentication: every local part of a
 * forward domain is taken (catch-all) except those it refuses (550 5.1.1) and sender-specified routes (550 5.7.1); a
 * bounce to one of our SRS addresses is taken only if the address verifies (550 5.7.1 for forged, altered or expired
 * ones, so we never return mail to an address someone made up).
 */
public class ForwardRcptHook implements RcptHook {
    private final HostedDomainStore domains;
    private final Srs srs;

    @Inject
    public ForwardRcptHook(HostedDomainStore domains, Srs srs) {
        this.domains = domains;
        this.srs = srs;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        if (srs.isOurs(rcpt) && Srs.isSrs(rcpt)) {
            Srs.Reversal reversal = srs.reverse(rcpt);
            if (reversal.address().isEmpty()) {
                return reply(HookReturnCode.deny(), "550", "5.7.1 <" + rcpt.asString() + ">: invalid SRS address (" + reversal.refusal() + ")");
            }
            return reply(HookReturnCode.ok(), "250", "2.1.5 <" + rcpt.asString() + ">: recipient ok");
        }
        Optional<HostedDomain> forward = HostedDomains.lookup(domains, rcpt).filter(domain -> domain.service() == Service.FORWARD);
        if (forward.isEmpty()) {
            return HookResult.DECLINED;
        }
        return HostedDomains.refusal(forward.get(), rcpt).orElseGet(() -> reply(HookReturnCode.ok(), "250", "2.1.5 <" + rcpt.asString() + ">: recipient ok"));
    }

    private static HookResult reply(HookReturnCode code, String smtpCode, String description) {
        return HookResult.builder().hookReturnCode(code).smtpReturnCode(smtpCode).smtpDescription(description).build();
    }
}
