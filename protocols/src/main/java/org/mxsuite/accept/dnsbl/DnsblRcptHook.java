package org.mxsuite.accept.dnsbl;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
import org.mxsuite.accept.check.InboundCheckGate;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dnsbl.BlocklistChecker;
import org.mxsuite.dnsbl.BlocklistSettings;
import org.mxsuite.dnsbl.BlocklistVerdict;
import org.mxsuite.domain.InboundCheck;
import org.mxsuite.state.SuiteProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS blocklists at RCPT (decided there, not at connect, so that the refusal is logged with the envelope and each
 * recipient's hosted-domain switch applies): the client's address against {@code dnsbl.sites}, then the MAIL FROM
 * domain against {@code rhsbl.sites}. The client's verdict is asked once per connection, the sender's once per
 * transaction. {@code postmaster@} and {@code abuse@} stay reachable, so a listed sender can still ask for help.
 */
public class DnsblRcptHook implements RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(DnsblRcptHook.class);
    private static final ProtocolSession.AttachmentKey<BlocklistVerdict> CLIENT_VERDICT =
        ProtocolSession.AttachmentKey.of("mxsuite.dnsbl.client", BlocklistVerdict.class);
    private static final ProtocolSession.AttachmentKey<BlocklistVerdict> SENDER_VERDICT =
        ProtocolSession.AttachmentKey.of("mxsuite.dnsbl.sender", BlocklistVerdict.class);

    private final InboundCheckGate gate;
    private final CheckOutcomes outcomes;
    private final BlocklistErrorWarnings warnings;
    private final BlocklistChecker clientLists;
    private final BlocklistChecker domainLists;

    @Inject
    public DnsblRcptHook(InboundCheckGate gate, CheckOutcomes outcomes, BlocklistErrorWarnings warnings,
                         DnsResolver resolver, PropertiesProvider properties) throws ConfigurationException {
        this(gate, outcomes, warnings, resolver, BlocklistSettings.from(SuiteProperties.read(properties)));
    }

    public DnsblRcptHook(InboundCheckGate gate, CheckOutcomes outcomes, BlocklistErrorWarnings warnings,
                         DnsResolver resolver, BlocklistSettings settings) {
        this.gate = gate;
        this.outcomes = outcomes;
        this.warnings = warnings;
        this.clientLists = new BlocklistChecker(resolver, settings.clientSites(), settings.clientThreshold(), settings.timeout());
        this.domainLists = new BlocklistChecker(resolver, settings.domainSites(), settings.domainThreshold(), settings.timeout());
        LOGGER.info("DNS blocklists: clients {} (blocked from score {}), sender domains {} (from score {})",
            settings.clientSites(), settings.clientThreshold(), settings.domainSites(), settings.domainThreshold());
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        if (gate.appliesTo(InboundCheck.DNSBL, session, rcpt).isEmpty()) {
            return HookResult.DECLINED;
        }
        if (isAlwaysReachable(rcpt)) {
            outcomes.count(InboundCheck.DNSBL, "exempt");
            return HookResult.DECLINED;
        }
        String client = CheckOutcomes.clientAddress(session);
        BlocklistVerdict clientVerdict = session.getAttachment(CLIENT_VERDICT, ProtocolSession.State.Connection)
            .orElseGet(() -> {
                BlocklistVerdict verdict = judged(clientLists.checkClient(session.getRemoteAddress().getAddress()));
                session.setAttachment(CLIENT_VERDICT, verdict, ProtocolSession.State.Connection);
                return verdict;
            });
        if (clientVerdict.blocked()) {
            return outcomes.refuse(InboundCheck.DNSBL, "rejected", session, sender, rcpt, "554",
                "5.7.1 Service unavailable; client [" + client + "] blocked using " + clientVerdict.listedBy().orElseThrow()
                    + clientVerdict.reason().map(reason -> "; " + reason).orElse(""));
        }
        Optional<String> domain = senderDomain(sender);
        if (domain.isPresent() && domainLists.hasSites()) {
            BlocklistVerdict domainVerdict = session.getAttachment(SENDER_VERDICT, ProtocolSession.State.Transaction)
                .orElseGet(() -> {
                    BlocklistVerdict verdict = judged(domainLists.checkDomain(domain.get()));
                    session.setAttachment(SENDER_VERDICT, verdict, ProtocolSession.State.Transaction);
                    return verdict;
                });
            if (domainVerdict.blocked()) {
                return outcomes.refuse(InboundCheck.DNSBL, "sender_rejected", session, sender, rcpt, "554",
                    "5.7.1 Service unavailable; sender domain " + domain.get() + " blocked using " + domainVerdict.listedBy().orElseThrow()
                        + domainVerdict.reason().map(reason -> "; " + reason).orElse(""));
            }
        }
        return HookResult.DECLINED;
    }

    /** Counts what a verdict says once (not per recipient), and reports error answers. */
    private BlocklistVerdict judged(BlocklistVerdict verdict) {
        LOGGER.debug("blocklist verdict: {}", verdict);
        outcomes.count(InboundCheck.DNSBL, verdict.blocked() ? "listed" : "passed");
        for (BlocklistVerdict.ErrorCode error : verdict.errorCodes()) {
            outcomes.count(InboundCheck.DNSBL, "error_answer");
            warnings.warn(error);
        }
        if (!verdict.unanswered().isEmpty()) {
            // failing open: the mail goes on as if these zones did not list anything
            LOGGER.info("blocklists without an answer, not counted: {} ({})", verdict.unanswered(), verdict);
            verdict.unanswered().forEach(zone -> outcomes.count(InboundCheck.DNSBL, "dns_failure"));
        }
        return verdict;
    }

    /** RFC 5321 4.5.1: postmaster must be reachable; abuse@ (RFC 2142) is where a blocked sender reports. */
    static boolean isAlwaysReachable(MailAddress rcpt) {
        String local = rcpt.getLocalPart().toLowerCase(Locale.ROOT);
        return local.equals("postmaster") || local.equals("abuse");
    }

    private static Optional<String> senderDomain(MaybeSender sender) {
        if (sender.isNullSender()) {
            return Optional.empty();
        }
        String domain = sender.get().getDomain().asString();
        return domain.startsWith("[") ? Optional.empty() : Optional.of(domain);
    }
}
