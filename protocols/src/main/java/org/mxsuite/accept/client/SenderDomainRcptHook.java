package org.mxsuite.accept.client;

import java.util.Map;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.mxsuite.accept.check.CheckOutcomes;
import org.mxsuite.accept.check.InboundCheckGate;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.SenderDomainLookup;
import org.mxsuite.dns.SenderDomainVerdict;
import org.mxsuite.domain.InboundCheck;

/**
 * The MAIL FROM domain must resolve (MX, A or AAAA), or nobody could answer the sender: 550 5.1.8 when it does not
 * exist or has no usable record, 450 4.1.8 when DNS failed. Decided at RCPT, looked up once per transaction. The null
 * sender (bounces) and address literals have no domain to check.
 */
public class SenderDomainRcptHook implements RcptHook {
    private static final ProtocolSession.AttachmentKey<SenderDomainVerdict> VERDICT =
        ProtocolSession.AttachmentKey.of("mxsuite.senderdomain.verdict", SenderDomainVerdict.class);

    private final InboundCheckGate gate;
    private final CheckOutcomes outcomes;
    private final SenderDomainLookup lookup;

    @Inject
    public SenderDomainRcptHook(InboundCheckGate gate, CheckOutcomes outcomes, DnsResolver resolver) {
        this.gate = gate;
        this.outcomes = outcomes;
        this.lookup = new SenderDomainLookup(resolver);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        if (sender.isNullSender() || gate.appliesTo(InboundCheck.SENDER_DOMAIN, session, rcpt).isEmpty()) {
            return HookResult.DECLINED;
        }
        String domain = sender.get().getDomain().asString();
        if (domain.startsWith("[")) {
            return HookResult.DECLINED;
        }
        SenderDomainVerdict verdict = session.getAttachment(VERDICT, ProtocolSession.State.Transaction).orElseGet(() -> {
            SenderDomainVerdict found = lookup.check(domain);
            outcomes.count(InboundCheck.SENDER_DOMAIN, found.name().toLowerCase(java.util.Locale.ROOT));
            session.setAttachment(VERDICT, found, ProtocolSession.State.Transaction);
            return found;
        });
        String who = "<" + sender.asString() + ">: Sender address rejected: ";
        switch (verdict) {
            case RESOLVES:
                return HookResult.DECLINED;
            case DOES_NOT_EXIST:
                return outcomes.refuse(InboundCheck.SENDER_DOMAIN, "rejected", session, sender, rcpt, "550",
                    "5.1.8 " + who + "Domain not found");
            case NO_MAIL_ADDRESS:
                return outcomes.refuse(InboundCheck.SENDER_DOMAIN, "rejected", session, sender, rcpt, "550",
                    "5.1.8 " + who + "Domain " + domain + " has no MX, A or AAAA record");
            case TEMPORARY_FAILURE:
            default:
                return outcomes.refuse(InboundCheck.SENDER_DOMAIN, "deferred", session, sender, rcpt, "450",
                    "4.1.8 " + who + "Domain not found (DNS lookup failed; try again later)");
        }
    }
}
