package org.mxsuite.accept.relay;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.mxsuite.accept.common.DeclaredSize;
import org.mxsuite.relay.MessageWeight;
import org.mxsuite.relay.RelayCharge;
import org.mxsuite.relay.RelayQuota;

/**
 * RCPT of relayed mail: a recipient that would take the sending domain over its daily quota is refused at once
 * (452 4.7.0), weighted by the size announced with SIZE= when there is one, so that the client learns it before
 * sending the message. Recipients of this server's own domains are no relays and count nothing. Nothing is counted
 * here: the whole message is counted after DATA ({@link RelayQuotaMessageHook}).
 */
public class RelayQuotaRcptHook implements RcptHook {
    private final RelayQuota quota;
    private final DomainList localDomains;

    @Inject
    public RelayQuotaRcptHook(RelayQuota quota, DomainList localDomains) {
        this.quota = quota;
        this.localDomains = localDomains;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        Optional<RelayCharge> charge = RelaySession.charge(session);
        if (charge.isEmpty() || isLocal(localDomains, recipient)) {
            return HookResult.DECLINED;
        }
        int weight = MessageWeight.of(DeclaredSize.of(session));
        int asked = (RelaySession.countedRecipients(session) + 1) * weight;
        int used = RelaySession.usedToday(session, () -> quota.usedToday(charge.get().domain()));
        if (used + asked > charge.get().dailyLimit()) {
            return RelayReplies.overQuota(charge.get(), used, asked, quota.resetsAt());
        }
        RelaySession.recipientCounted(session);
        return HookResult.DECLINED;
    }

    /** A recipient in one of James's own domains (a mailbox here): delivered locally, not relayed. */
    static boolean isLocal(DomainList localDomains, MailAddress recipient) {
        try {
            return localDomains.containsDomain(recipient.getDomain());
        } catch (DomainListException e) {
            return false; // counted: erring towards the quota, never past it
        }
    }
}
