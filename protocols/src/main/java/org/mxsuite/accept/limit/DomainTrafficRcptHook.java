package org.mxsuite.accept.limit;

import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.mxsuite.accept.common.DeclaredSize;
import org.mxsuite.accept.common.HostedDomains;
import org.mxsuite.accept.common.LimitReplies;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.TrafficLimit;
import org.mxsuite.domain.TrafficLimits;
import org.mxsuite.limit.LimitReached;
import org.mxsuite.limit.TrafficCounters;
import org.mxsuite.state.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RCPT of a hosted domain with traffic limits, at the transaction's first recipient of that domain: refused (452
 * 4.7.0, naming the limit and its reset in UTC) when the domain has reached its messages or bytes of the day or month
 * (bytes as announced with SIZE=), so that the client learns it before sending the message; else the transaction is
 * counted against the domain's transactions of the day. Messages and bytes are counted after DATA
 * ({@link DomainTrafficMessageHook}). A recipient the domain's own rules refuse is left to them and counts nothing.
 */
public class DomainTrafficRcptHook implements RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(DomainTrafficRcptHook.class);

    private final HostedDomainStore domains;
    private final TrafficCounters counters;

    @Inject
    public DomainTrafficRcptHook(HostedDomainStore domains, TrafficCounters counters) {
        this.domains = domains;
        this.counters = counters;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        Optional<HostedDomain> hosted = HostedDomains.lookup(domains, rcpt);
        if (hosted.isEmpty() || hosted.get().limits().isEmpty() || HostedDomains.refusal(hosted.get(), rcpt).isPresent()
            || LimitedDomains.of(session).contains(hosted.get().name())) {
            return HookResult.DECLINED;
        }
        HostedDomain domain = hosted.get();
        TrafficLimits limits = domain.limits();
        try {
            Optional<LimitReached> reached = counters.check(limits.charges(domain.name(), TrafficLimit.PER_MESSAGE, DeclaredSize.of(session)));
            if (reached.isEmpty()) {
                reached = counters.take(limits.charges(domain.name(), TrafficLimit.PER_TRANSACTION, 0));
            }
            if (reached.isPresent()) {
                LOGGER.info("traffic limit of {}: <{}> refused: {}", domain.name(), rcpt.asString(), reached.get().text());
                return LimitReplies.reached(reached.get());
            }
        } catch (StateStoreException e) {
            LOGGER.warn("traffic limits of {}: cannot count <{}>", domain.name(), rcpt.asString(), e);
            return LimitReplies.cannotCount();
        }
        LimitedDomains.add(session, domain.name());
        return HookResult.DECLINED;
    }
}
