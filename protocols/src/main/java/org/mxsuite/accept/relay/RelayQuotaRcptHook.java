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
import org.mxsuite.accept.common.LimitReplies;
import org.mxsuite.limit.Charge;
import org.mxsuite.limit.LimitReached;
import org.mxsuite.limit.TrafficCounters;
import org.mxsuite.limit.Window;
import org.mxsuite.relay.MessageWeight;
import org.mxsuite.relay.RelayCharge;
import org.mxsuite.relay.RelayQuota;

/**
 * RCPT of relayed mail: a recipient past the account's maximum per message is refused (452 4.5.3), one that would
 * take the sending domain over its daily or hourly quota is refused at once (452 4.7.0), weighted by the size announced with SIZE= when there is one, so that the client learns it before
 * sending the message. Recipients of this server's own domains are no relays and count nothing; DSNs (the null
 * sender) count against the daily quota only. Nothing is counted
 * here: the whole message is counted after DATA ({@link RelayQuotaMessageHook}).
 */
public class RelayQuotaRcptHook implements RcptHook {
    private final RelayQuota quota;
    private final DomainList localDomains;
    private final TrafficCounters counters;

    @Inject
    public RelayQuotaRcptHook(RelayQuota quota, DomainList localDomains, TrafficCounters counters) {
        this.quota = quota;
        this.localDomains = localDomains;
        this.counters = counters;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        Optional<RelayCharge> charge = RelaySession.charge(session);
        if (charge.isEmpty() || isLocal(localDomains, recipient)) {
            return HookResult.DECLINED;
        }
        int recipients = RelaySession.countedRecipients(session) + 1;
        // DSNs (the null sender) are exempt from the per-message and hourly limits: a bounce must not wait an hour
        boolean limited = !sender.isNullSender();
        if (limited && charge.get().maxRecipients().isPresent() && recipients > charge.get().maxRecipients().getAsInt()) {
            return RelayReplies.tooManyRecipients(charge.get());
        }
        int weight = MessageWeight.of(DeclaredSize.of(session));
        int asked = recipients * weight;
        int used = RelaySession.usedToday(session, () -> quota.usedToday(charge.get().domain()));
        if (used + asked > charge.get().dailyLimit()) {
            return RelayReplies.overQuota(charge.get(), used, asked, quota.resetsAt());
        }
        Optional<Charge> hourly = limited ? charge.get().hourly(asked) : Optional.empty();
        if (hourly.isPresent()) {
            long usedThisHour = RelaySession.usedThisHour(session, () -> counters.used(hourly.get()));
            if (usedThisHour + asked > hourly.get().limit()) {
                return LimitReplies.reached(new LimitReached(hourly.get(), usedThisHour, counters.resetsAt(Window.HOUR)));
            }
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
