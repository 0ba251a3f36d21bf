package org.mxsuite.accept.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.mxsuite.accept.common.HostedDomains;
import org.mxsuite.accept.common.LimitReplies;
import org.mxsuite.accept.common.TakenCharges;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.TrafficLimit;
import org.mxsuite.limit.Charge;
import org.mxsuite.limit.LimitReached;
import org.mxsuite.limit.TrafficCounters;
import org.mxsuite.state.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End of DATA of mail for hosted domains with traffic limits: the message is counted once per such domain (one
 * message and its size, however many of the domain's recipients it has), for every domain or none, each counter in
 * one atomic step that refuses the message (452 4.7.0) rather than go over. A refused message counts nothing and was
 * never accepted: nothing is bounced. Only domains noted at RCPT ({@link DomainTrafficRcptHook}) are looked at, so
 * that mail of domains without limits costs no lookup here.
 */
public class DomainTrafficMessageHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(DomainTrafficMessageHook.class);

    private final HostedDomainStore domains;
    private final TrafficCounters counters;
    private final MetricFactory metrics;

    @Inject
    public DomainTrafficMessageHook(HostedDomainStore domains, TrafficCounters counters, MetricFactory metrics) {
        this.domains = domains;
        this.counters = counters;
        this.metrics = metrics;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Set<DomainName> noted = LimitedDomains.of(session);
        if (noted.isEmpty()) {
            return HookResult.DECLINED;
        }
        // the bytes the client sent, which James's size limit also counts (not our own Received: header)
        long size = Optional.ofNullable(session.currentMessageSize()).orElse(0L);
        List<Charge> charges = new ArrayList<>();
        for (DomainName name : recipientDomains(mail, noted)) {
            domains.get(name).map(HostedDomain::limits)
                .ifPresent(limits -> charges.addAll(limits.charges(name, TrafficLimit.PER_MESSAGE, size)));
        }
        Optional<LimitReached> reached;
        try {
            reached = counters.take(charges);
        } catch (StateStoreException e) {
            LOGGER.warn("traffic limits of {}: cannot count a message of {} bytes", noted, size, e);
            return LimitReplies.cannotCount();
        }
        if (reached.isPresent()) {
            metrics.generate("mxsuite_traffic_limit_reached").increment();
            LOGGER.info("traffic limit: message from <{}> of {} bytes refused: {}", mail.getMaybeSender().asString(""), size,
                reached.get().text());
            return LimitReplies.reached(reached.get());
        }
        TakenCharges.add(session, charges);
        return HookResult.DECLINED;
    }

    /** The noted domains that still have recipients in the message (later RCPT hooks may have refused some). */
    private static Set<DomainName> recipientDomains(Mail mail, Set<DomainName> noted) {
        Set<DomainName> present = new java.util.LinkedHashSet<>();
        for (MailAddress recipient : mail.getRecipients()) {
            HostedDomains.domainName(recipient).filter(noted::contains).ifPresent(present::add);
        }
        return present;
    }
}
