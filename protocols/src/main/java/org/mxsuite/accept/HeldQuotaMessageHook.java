package org.mxsuite.accept;

import org.mxsuite.accept.common.HostedDomains;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.hold.HoldRoom;

/**
 * After DATA, before we answer: a message that would take a queue over its room, a hosted domain's quota or the
 * limits of mail held for other domains (forward targets, returned bounces, relayed mail), gets 452 4.3.1 (4.2.2 for a
 * queue full of messages), so the sender keeps it and retries; nothing is accepted that could not be held.
 */
public class HeldQuotaMessageHook implements JamesMessageHook {
    private final HostedDomainStore domains;
    private final HeldDestinations destinations;
    private final HoldRoom room;

    @Inject
    public HeldQuotaMessageHook(HostedDomainStore domains, HeldDestinations destinations, HoldRoom room) {
        this.domains = domains;
        this.destinations = destinations;
        this.room = room;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        long size;
        try {
            size = mail.getMessageSize();
        } catch (MessagingException e) {
            return HookResult.DECLINED;
        }
        Set<DomainName> holding = new LinkedHashSet<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<DomainName> own = HostedDomains.lookup(domains, recipient).filter(domain -> domain.service().holdsMail())
                .map(HostedDomain::name);
            (own.isPresent() ? own : destinations.of(session, recipient)).ifPresent(holding::add);
        }
        for (DomainName destination : holding) {
            Optional<HoldRoom.Shortage> shortage = room.forMessage(destination, size);
            if (shortage.isPresent()) {
                return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("452")
                    .smtpDescription(shortage.get().status() + " " + shortage.get().reason()).build();
            }
        }
        return HookResult.DECLINED;
    }
}
