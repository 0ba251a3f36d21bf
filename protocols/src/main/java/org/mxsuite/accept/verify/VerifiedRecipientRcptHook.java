package org.mxsuite.accept.verify;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.mxsuite.accept.check.CheckOutcomes;
import org.mxsuite.accept.check.DnsLookupsAhead;
import org.mxsuite.accept.check.InboundCheckGate;
import org.mxsuite.accept.common.HostedDomains;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.verify.RecipientVerdict;
import org.mxsuite.verify.RecipientVerifier;
import org.mxsuite.verify.VerifiedRecipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recipient verification at RCPT for backup and relay domains whose {@code verifyRecipients} is on: an address the
 * domain's own server refuses (5xx, now or remembered) gets 550 5.1.1 with that server's text, so that we never accept
 * mail we would have to bounce to a forged sender (backscatter). Accepted and unknown addresses (the server is down, slow
 * or answered 4xx) go on to {@code HostedDomainRcptHook}, which accepts them within the domain's quota. The question
 * is started ahead of the RCPT ({@link DnsLookupsAhead}): the RCPT is held back, off the event loop, until the
 * answer or {@code verify.timeout}. Addresses the domain's own rules refuse (its {@code recipients} list, source routes)
 * are not asked about; authenticated clients and trusted networks are not verified, as no SMTP-time check applies to them.
 * Each verdict is counted in James's metrics ({@code mxsuite_verify_<accepted|refused|unknown>}, with
 * {@code _remembered} when it came from the store), and each refusal is logged.
 */
public class VerifiedRecipientRcptHook implements RcptHook, DnsLookupsAhead {
    private static final Logger LOGGER = LoggerFactory.getLogger(VerifiedRecipientRcptHook.class);
    @SuppressWarnings("rawtypes")
    private static final ProtocolSession.AttachmentKey<Map> VERDICTS = ProtocolSession.AttachmentKey.of("mxsuite.verify.verdicts", Map.class);

    private final HostedDomainStore domains;
    private final RecipientVerifier verifier;
    private final MetricFactory metrics;

    @Inject
    public VerifiedRecipientRcptHook(HostedDomainStore domains, RecipientVerifier verifier, MetricFactory metrics) {
        this.domains = domains;
        this.verifier = verifier;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<?> beforeRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        return domainToVerify(session, rcpt).<CompletableFuture<?>>map(domain -> verdict(session, domain, rcpt)).orElse(NOTHING);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        Optional<HostedDomain> domain = domainToVerify(session, rcpt);
        if (domain.isEmpty()) {
            return HookResult.DECLINED;
        }
        // complete within verify.timeout whatever the server does
        RecipientVerdict verdict = verdict(session, domain.get(), rcpt).join();
        metrics.generate("mxsuite_verify_" + verdict.kind().name().toLowerCase(Locale.ROOT) + (verdict.remembered() ? "_remembered" : ""))
            .increment();
        if (verdict.kind() != RecipientVerdict.Kind.REFUSED) {
            return HookResult.DECLINED;
        }
        LOGGER.info("recipient verification refused: client [{}] from <{}> to <{}>: {}{}", CheckOutcomes.clientAddress(session),
            sender.asString(""), rcpt.asString(), verdict.reply(), verdict.remembered() ? " (remembered)" : "");
        return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("550")
            .smtpDescription("5.1.1 <" + rcpt.asString() + ">: recipient address rejected: the server of " + domain.get().name()
                + " said: " + verdict.reply())
            .build();
    }

    private Optional<HostedDomain> domainToVerify(SMTPSession session, MailAddress rcpt) {
        if (InboundCheckGate.isExempt(session)) {
            return Optional.empty();
        }
        return HostedDomains.lookup(domains, rcpt)
            .filter(domain -> domain.holdPolicy().map(policy -> policy.verifyRecipients()).orElse(false))
            // refused by the domain's own rules next: nothing to ask
            .filter(domain -> HostedDomains.refusal(domain, rcpt).isEmpty());
    }

    /** The transaction's verdict on the recipient, asked for once however often the RCPT hook or its look-ahead asks. */
    @SuppressWarnings("unchecked")
    private CompletableFuture<RecipientVerdict> verdict(SMTPSession session, HostedDomain domain, MailAddress rcpt) {
        Map<String, CompletableFuture<RecipientVerdict>> verdicts = session.getAttachment(VERDICTS, ProtocolSession.State.Transaction)
            .orElseGet(() -> {
                Map<String, CompletableFuture<RecipientVerdict>> created = new ConcurrentHashMap<>();
                session.setAttachment(VERDICTS, created, ProtocolSession.State.Transaction);
                return created;
            });
        return verdicts.computeIfAbsent(VerifiedRecipient.canonical(rcpt), address -> verifier.verify(domain, rcpt));
    }
}
