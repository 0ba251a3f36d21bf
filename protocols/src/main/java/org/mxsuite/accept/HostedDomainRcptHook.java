package org.mxsuite.accept;

import org.mxsuite.accept.common.DeclaredSize;
import org.mxsuite.accept.common.HostedDomains;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.hold.QueueUsageCache;
import org.mxsuite.hold.QueueUsage;

/**
 * RCPT for a {@code backup} or {@code relay} domain: accepted from anyone (that is the service), unless the
 * address is not one of the domain's recipients (550 5.1.1), routes through us (550 5.7.1), or the domain's queue
 * is full (452, so the sender retries and nothing is lost). Other domains are left to James, which relays only
 * for authenticated clients and trusted networks.
 */
public class HostedDomainRcptHook implements RcptHook {
    private final HostedDomainStore domains;
    private final QueueUsageCache queue;

    @Inject
    public HostedDomainRcptHook(HostedDomainStore domains, QueueUsageCache queue) {
        this.domains = domains;
        this.queue = queue;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        Optional<HostedDomain> hosted = HostedDomains.lookup(domains, rcpt).filter(domain -> domain.service().holdsMail());
        if (hosted.isEmpty()) {
            return HookResult.DECLINED;
        }
        HostedDomain domain = hosted.get();
        HoldPolicy policy = domain.holdPolicy().orElseThrow();
        Optional<HookResult> refusal = HostedDomains.refusal(domain, rcpt);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        QueueUsage usage = queue.usage(domain.name());
        if (usage.messages() >= policy.quotaMessages()) {
            return reply(HookReturnCode.denySoft(), "452", "4.2.2 <" + rcpt.asString() + ">: the queue of " + domain.name()
                + " is full (" + policy.quotaMessages() + " messages); try again later");
        }
        long declaredSize = DeclaredSize.of(session);
        if (usage.bytes() + declaredSize > policy.quotaBytes()) {
            return reply(HookReturnCode.denySoft(), "452", "4.3.1 <" + rcpt.asString() + ">: the queue of " + domain.name()
                + " is out of space; try again later");
        }
        return reply(HookReturnCode.ok(), "250", "2.1.5 <" + rcpt.asString() + ">: recipient ok");
    }

    private static HookResult reply(HookReturnCode code, String smtpCode, String description) {
        return HookResult.builder().hookReturnCode(code).smtpReturnCode(smtpCode).smtpDescription(description).build();
    }
}
