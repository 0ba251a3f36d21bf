package org.mxsuite.accept;

import org.mxsuite.accept.common.HostedDomains;
import java.net.InetAddress;
import java.time.temporal.ChronoUnit;
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
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.forward.Srs;
import org.mxsuite.forward.SrsRcptLimit;

/**
 * RCPT for forward domains and for our SRS addresses, from anyone without authentication: every local part of a
 * forward domain is taken (catch-all) except those it refuses (550 5.1.1) and sender-specified routes (550 5.7.1).
 * One of our SRS addresses takes bounces only: the null sender (550 5.7.1 for any other, or the address would relay
 * anyone's mail to whoever it stands for), within the client's {@link SrsRcptLimit} (450 4.7.1 past it), and only if
 * the address verifies (550 5.7.1 for forged, altered or expired ones, so we never return mail to an address someone
 * made up; each counts towards the limit).
 */
public class ForwardRcptHook implements RcptHook {
    private final HostedDomainStore domains;
    private final Srs srs;
    private final SrsRcptLimit limit;

    @Inject
    public ForwardRcptHook(HostedDomainStore domains, Srs srs, SrsRcptLimit limit) {
        this.domains = domains;
        this.srs = srs;
        this.limit = limit;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        if (srs.isOurs(rcpt) && Srs.isSrs(rcpt)) {
            return srsRecipient(session, sender, rcpt);
        }
        Optional<HostedDomain> forward = HostedDomains.lookup(domains, rcpt).filter(domain -> domain.service() == ServiceKind.FORWARD);
        if (forward.isEmpty()) {
            return HookResult.DECLINED;
        }
        return HostedDomains.refusal(forward.get(), rcpt).orElseGet(() -> reply(HookReturnCode.ok(), "250", "2.1.5 <" + rcpt.asString() + ">: recipient ok"));
    }

    private HookResult srsRecipient(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (!sender.isNullSender()) {
            return reply(HookReturnCode.deny(), "550", "5.7.1 <" + rcpt.asString()
                + ">: this address takes bounces only (MAIL FROM:<>)");
        }
        InetAddress client = session.getRemoteAddress().getAddress();
        if (!limit.tryRecipient(client)) {
            return reply(HookReturnCode.denySoft(), "450", "4.7.1 <" + rcpt.asString() + ">: too many bounces to SRS addresses from ["
                + client.getHostAddress() + "]; try again after " + limit.windowEnd(client).truncatedTo(ChronoUnit.SECONDS));
        }
        Srs.Reversal reversal = srs.reverse(rcpt);
        if (reversal.address().isEmpty()) {
            limit.refused(client);
            return reply(HookReturnCode.deny(), "550", "5.7.1 <" + rcpt.asString() + ">: invalid SRS address (" + reversal.refusal() + ")");
        }
        return reply(HookReturnCode.ok(), "250", "2.1.5 <" + rcpt.asString() + ">: recipient ok");
    }

    private static HookResult reply(HookReturnCode code, String smtpCode, String description) {
        return HookResult.builder().hookReturnCode(code).smtpReturnCode(smtpCode).smtpDescription(description).build();
    }
}
