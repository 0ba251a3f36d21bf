package org.mxsuite.accept.relay;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.mxsuite.accept.common.LimitReplies;
import org.mxsuite.accept.common.TakenCharges;
import org.mxsuite.limit.Charge;
import org.mxsuite.limit.LimitReached;
import org.mxsuite.limit.TrafficCounters;
import org.mxsuite.relay.MessageWeight;
import org.mxsuite.relay.RelayCharge;
import org.mxsuite.relay.RelayQuota;
import org.mxsuite.relay.RelayUsageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End of DATA of relayed mail, the last of our checks before James takes the message: the message is counted against
 * the sending domain's hourly quota when it has one (not for DSNs) and its daily quota, whole (one relay per recipient
 * outside this server, times its size weight), each in one atomic step that refuses it (452 4.7.0) rather than go
 * over. A refused message counts nothing.
 */
public class RelayQuotaMessageHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(RelayQuotaMessageHook.class);

    private final RelayQuota quota;
    private final DomainList localDomains;
    private final MetricFactory metrics;
    private final TrafficCounters counters;

    @Inject
    public RelayQuotaMessageHook(RelayQuota quota, DomainList localDomains, MetricFactory metrics, TrafficCounters counters) {
        this.quota = quota;
        this.localDomains = localDomains;
        this.metrics = metrics;
        this.counters = counters;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<RelayCharge> charge = RelaySession.charge(session);
        if (charge.isEmpty()) {
            return HookResult.DECLINED;
        }
        int recipients = (int) mail.getRecipients().stream().filter(recipient -> !RelayQuotaRcptHook.isLocal(localDomains, recipient)).count();
        if (recipients == 0) {
            return HookResult.DECLINED;
        }
        // the bytes the client sent, which James's size limit also counts (not our own Received: header)
        long size = Optional.ofNullable(session.currentMessageSize()).orElse(0L);
        int relays = MessageWeight.relays(recipients, size);
        // the hourly count first: it can be given back if the daily one refuses, the daily one cannot
        List<Charge> hourly = mail.getMaybeSender().isNullSender() ? List.of() : charge.get().hourly(relays).map(List::of).orElse(List.of());
        Optional<LimitReached> hourReached = counters.take(hourly);
        if (hourReached.isPresent()) {
            // the hosted domains' counts of this message, taken before: it is refused, so it counts nothing there either
            counters.giveBack(TakenCharges.of(session));
            metrics.generate("mxsuite_relay_over_quota").increment();
            LOGGER.info("relay over hourly quota: {} from <{}>: {}", session.getUsername(), mail.getMaybeSender().asString(""),
                hourReached.get().text());
            return LimitReplies.reached(hourReached.get());
        }
        RelayUsageStore.Reservation reservation = quota.reserve(charge.get().domain(), relays, charge.get().dailyLimit());
        if (!reservation.accepted()) {
            counters.giveBack(hourly);
            counters.giveBack(TakenCharges.of(session));
            metrics.generate("mxsuite_relay_over_quota").increment();
            LOGGER.info("relay over quota: {} from <{}>, {} relays ({} recipients, {} bytes), {} used of {}", session.getUsername(),
                mail.getMaybeSender().asString(""), relays, recipients, size, reservation.used(), charge.get().dailyLimit());
            return RelayReplies.overQuota(charge.get(), reservation.used(), relays, quota.resetsAt());
        }
        metrics.generate("mxsuite_relay_relays").add(relays);
        LOGGER.info("relayed for {}: {} from <{}>, {} relays ({} recipients, {} bytes), {} of {} used today", charge.get().domain(),
            session.getUsername(), mail.getMaybeSender().asString(""), relays, recipients, size, reservation.used(), charge.get().dailyLimit());
        return HookResult.DECLINED;
    }
}
