package org.mxsuite.accept.client;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.mxsuite.accept.check.CheckOutcomes;
import org.mxsuite.accept.check.DnsLookupsAhead;
import org.mxsuite.accept.check.InboundCheckGate;
import org.mxsuite.accept.check.SessionLookups;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.SenderDomainLookup;
import org.mxsuite.dns.SenderDomainVerdict;
import org.mxsuite.domain.InboundCheck;

/**
 * The MAIL FROM domain must resolve (MX, A or AAAA), or nobody could answer the sender: 550 5.1.8 when it does not
 * exist or has no usable record, 451 4.4.3 when DNS failed or did not answer within {@code dns.timeout}. Decided at
 * RCPT, looked up once per transaction, ahead of the RCPT ({@link DnsLookupsAhead}) so that no event loop waits for
 * it. The null sender (bounces) and address literals have no domain to check.
 */
public class SenderDomainRcptHook implements RcptHook, DnsLookupsAhead {
    private static final ProtocolSession.AttachmentKey<SenderDomainVerdict> VERDICT =
        ProtocolSession.AttachmentKey.of("mxsuite.senderdomain.verdict", SenderDomainVerdict.class);
    private static final SessionLookups<SenderDomainVerdict> LOOKUP = SessionLookups.perTransaction("mxsuite.senderdomain.lookup");

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
    public CompletableFuture<?> beforeRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        return domainToCheck(session, sender, rcpt).<CompletableFuture<?>>map(domain -> LOOKUP.of(session, () -> lookup.check(domain)))
            .orElse(NOTHING);
    }

    private Optional<String> domainToCheck(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (sender.isNullSender() || gate.appliesTo(InboundCheck.SENDER_DOMAIN, session, rcpt).isEmpty()) {
            return Optional.empty();
        }
        String domain = sender.get().getDomain().asString();
        return domain.startsWith("[") ? Optional.empty() : Optional.of(domain);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        Optional<String> checked = domainToCheck(session, sender, rcpt);
        if (checked.isEmpty()) {
            return HookResult.DECLINED;
        }
        String domain = checked.get();
        SenderDomainVerdict verdict = session.getAttachment(VERDICT, ProtocolSession.State.Transaction).orElseGet(() -> {
            SenderDomainVerdict found = SessionLookups.await(LOOKUP.of(session, () -> lookup.check(domain)),
                SenderDomainVerdict.temporaryFailure("no answer in time"));
            outcomes.count(InboundCheck.SENDER_DOMAIN, found.status().name().toLowerCase(java.util.Locale.ROOT));
            session.setAttachment(VERDICT, found, ProtocolSession.State.Transaction);
            return found;
        });
        String who = "<" + sender.asString() + ">: Sender address rejected: ";
        switch (verdict.status()) {
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
                return outcomes.refuse(InboundCheck.SENDER_DOMAIN, "deferred", session, sender, rcpt, "451",
                    "4.4.3 " + who + "cannot check domain " + domain + ": DNS lookup failed (" + verdict.detail() + "); try again later");
        }
    }
}
