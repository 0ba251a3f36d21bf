package org.mxsuite.accept;

import java.util.LinkedHashSet;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.hold.QueueUsageCache;
import org.mxsuite.hold.QueueUsage;

/**
 * After DATA, before we answer: a message that would take a hosted domain's queue over its byte quota gets
 * 452 4.3.1, so the sender keeps it and retries; nothing is accepted that could not be held.
 */
public class HeldQuotaMessageHook implements JamesMessageHook {
    private final HostedDomainStore domains;
    private final QueueUsageCache queue;

    @Inject
    public HeldQuotaMessageHook(HostedDomainStore domains, QueueUsageCache queue) {
        this.domains = domains;
        this.queue = queue;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        long size;
        try {
            size = mail.getMessageSize();
        } catch (MessagingException e) {
            return HookResult.DECLINED;
        }
        Set<HostedDomain> holding = new LinkedHashSet<>();
        for (MailAddress recipient : mail.getRecipients()) {
            HostedDomains.lookup(domains, recipient).filter(domain -> domain.service().holdsMail()).ifPresent(holding::add);
        }
        for (HostedDomain domain : holding) {
            HoldPolicy policy = domain.holdPolicy().orElseThrow();
            QueueUsage usage = queue.usage(domain.name());
            if (usage.bytes() + size > policy.quotaBytes()) {
                return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("452")
                    .smtpDescription("4.3.1 the queue of " + domain.name() + " is out of space; try again later").build();
            }
        }
        return HookResult.DECLINED;
    }
}
