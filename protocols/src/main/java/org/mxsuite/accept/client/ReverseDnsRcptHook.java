package org.mxsuite.accept.client;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.inject.Inject;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.accept.check.CheckOutcomes;
import org.mxsuite.accept.check.DnsLookupsAhead;
import org.mxsuite.accept.check.InboundCheckGate;
import org.mxsuite.dns.ForwardConfirmedReverseDns;
import org.mxsuite.dns.ReverseDnsVerdict;
import org.mxsuite.domain.InboundCheck;
import org.mxsuite.config.SuiteProperties;

/**
 * Forward-confirmed reverse DNS of the client, decided at RCPT (each recipient's hosted-domain switch applies) and
 * looked up once per connection. Without a confirmed name: 450 4.7.25 ({@code reverseDns.action=defer}, the default)
 * or 550 5.7.25 ({@code reject}); a DNS failure or timeout always defers (451 4.4.3). The lookups are started ahead of
 * the RCPT ({@link DnsLookupsAhead}), so that no event loop waits for them.
 */
public class ReverseDnsRcptHook implements RcptHook, DnsLookupsAhead {
    private static final ProtocolSession.AttachmentKey<ReverseDnsVerdict> VERDICT =
        ProtocolSession.AttachmentKey.of("mxsuite.reversedns.verdict", ReverseDnsVerdict.class);

    private final InboundCheckGate gate;
    private final CheckOutcomes outcomes;
    private final ReverseDnsAction action;
    private final ForwardConfirmedReverseDns fcrdns;

    @Inject
    public ReverseDnsRcptHook(InboundCheckGate gate, CheckOutcomes outcomes, ForwardConfirmedReverseDns fcrdns, PropertiesProvider properties)
        throws ConfigurationException {
        this(gate, outcomes, ReverseDnsAction.parse(SuiteProperties.read(properties).getString("reverseDns.action")), fcrdns);
    }

    public ReverseDnsRcptHook(InboundCheckGate gate, CheckOutcomes outcomes, ReverseDnsAction action, ForwardConfirmedReverseDns fcrdns) {
        this.gate = gate;
        this.outcomes = outcomes;
        this.action = action;
        this.fcrdns = fcrdns;
    }

    /** The client's reverse DNS as this connection found it, if the check was made. */
    public static Optional<ReverseDnsVerdict> knownVerdict(SMTPSession session) {
        return session.getAttachment(VERDICT, ProtocolSession.State.Connection);
    }

    @Override
    public CompletableFuture<?> beforeRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (action == ReverseDnsAction.OFF || gate.appliesTo(InboundCheck.REVERSE_DNS, session, rcpt).isEmpty()) {
            return NOTHING;
        }
        return ClientReverseDns.of(session, fcrdns);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        if (action == ReverseDnsAction.OFF || gate.appliesTo(InboundCheck.REVERSE_DNS, session, rcpt).isEmpty()) {
            return HookResult.DECLINED;
        }
        ReverseDnsVerdict verdict = session.getAttachment(VERDICT, ProtocolSession.State.Connection).orElseGet(() -> {
            ReverseDnsVerdict found = ClientReverseDns.await(session, fcrdns);
            outcomes.count(InboundCheck.REVERSE_DNS, found.status().name().toLowerCase(java.util.Locale.ROOT));
            session.setAttachment(VERDICT, found, ProtocolSession.State.Connection);
            return found;
        });
        String client = "[" + CheckOutcomes.clientAddress(session) + "]";
        boolean reject = action == ReverseDnsAction.REJECT;
        switch (verdict.status()) {
            case CONFIRMED:
                return HookResult.DECLINED;
            case TEMPORARY_FAILURE:
                return outcomes.refuse(InboundCheck.REVERSE_DNS, "deferred", session, sender, rcpt, "451",
                    "4.4.3 Client host rejected: cannot find your hostname, " + client + ": DNS lookup failed ("
                        + verdict.detail() + "); try again later");
            case NO_NAME:
                return outcomes.refuse(InboundCheck.REVERSE_DNS, reject ? "rejected" : "deferred", session, sender, rcpt,
                    reject ? "550" : "450", (reject ? "5.7.25" : "4.7.25") + " Client host rejected: cannot find your reverse hostname, " + client);
            case MISMATCH:
            default:
                return outcomes.refuse(InboundCheck.REVERSE_DNS, reject ? "rejected" : "deferred", session, sender, rcpt,
                    reject ? "550" : "450", (reject ? "5.7.25" : "4.7.25") + " Client host rejected: the name "
                        + verdict.name().orElse("?") + " of " + client + " does not resolve back to it");
        }
    }
}
