package org.mxsuite.accept.greylist;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.mxsuite.accept.common.HostedDomains;
import org.mxsuite.accept.check.CheckOutcomes;
import org.mxsuite.accept.check.DnsLookupsAhead;
import org.mxsuite.accept.check.InboundCheckGate;
import org.mxsuite.accept.client.ClientReverseDns;
import org.mxsuite.dns.ForwardConfirmedReverseDns;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.InboundCheck;
import org.mxsuite.greylist.Greylist;
import org.mxsuite.greylist.GreylistDecision;
import org.mxsuite.state.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Greylisting at RCPT (RFC 6647), recipient by recipient, so that one greylisted recipient of a transaction does not
 * drop the others: a new triplet gets 450 4.7.1 saying when to retry; a retry after the delay passes. Listed before
 * {@code HostedDomainRcptHook} in smtpserver.xml, after the checks that reject outright. The client's confirmed name,
 * which only a client-name allow list needs, is looked up ahead of the RCPT ({@link DnsLookupsAhead}).
 */
public class GreylistRcptHook implements RcptHook, DnsLookupsAhead {
    private static final Logger LOGGER = LoggerFactory.getLogger(GreylistRcptHook.class);

    private final InboundCheckGate gate;
    private final Greylist greylist;
    private final CheckOutcomes outcomes;
    private final ForwardConfirmedReverseDns names;

    @Inject
    public GreylistRcptHook(InboundCheckGate gate, Greylist greylist, CheckOutcomes outcomes, ForwardConfirmedReverseDns names) {
        this.gate = gate;
        this.greylist = greylist;
        this.outcomes = outcomes;
        this.names = names;
    }

    @Override
    public CompletableFuture<?> beforeRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (gate.appliesTo(InboundCheck.GREYLISTING, session, rcpt).isEmpty() || !greylist.hasClientNameAllowList()) {
            return NOTHING;
        }
        return ClientReverseDns.of(session, names);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        Optional<HostedDomain> domain = gate.appliesTo(InboundCheck.GREYLISTING, session, rcpt);
        if (domain.isEmpty() || HostedDomains.refusal(domain.get(), rcpt).isPresent()) {
            // not ours to check, or refused outright by the domain's own rules next: greylisting would only delay that
            return HookResult.DECLINED;
        }
        InetAddress client = session.getRemoteAddress().getAddress();
        GreylistDecision decision;
        try {
            decision = greylist.decide(client, () -> ClientReverseDns.await(session, names).confirmedName(), sender, rcpt);
        } catch (StateStoreException e) {
            // greylisting only delays: without its store, mail passes rather than waits on a database outage
            LOGGER.warn("greylisting skipped for <{}>: the state store failed", rcpt.asString(), e);
            outcomes.count(InboundCheck.GREYLISTING, "store_failure");
            return HookResult.DECLINED;
        }
        if (decision.passes()) {
            outcomes.count(InboundCheck.GREYLISTING, decision.kind().outcome());
            return HookResult.DECLINED;
        }
        long seconds = Math.max(1, decision.retryAfter().getSeconds() + (decision.retryAfter().getNano() > 0 ? 1 : 0));
        return outcomes.refuse(InboundCheck.GREYLISTING, decision.kind().outcome(), session, sender, rcpt, "450",
            "4.7.1 <" + rcpt.asString() + ">: greylisted, please try again in " + seconds + " seconds (RFC 6647)");
    }
}
