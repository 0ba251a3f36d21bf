package org.mxsuite.accept.dnsbl;

import java.util.List;
import java.util.Locale;
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
import org.mxsuite.accept.check.SessionLookups;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dnsbl.BlocklistChecker;
import org.mxsuite.dnsbl.BlocklistSettings;
import org.mxsuite.dnsbl.BlocklistVerdict;
import org.mxsuite.dnsbl.LocalBlocklist;
import org.mxsuite.dnsbl.LocalBlocklistEntry;
import org.mxsuite.domain.InboundCheck;
import org.mxsuite.domain.LocalPart;
import org.mxsuite.config.SuiteProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS blocklists at RCPT (decided there, not at connect, so that the refusal is logged with the envelope and each
 * recipient's hosted-domain switch applies): the client's address against {@code dnsbl.sites}, then the MAIL FROM
 * domain against {@code rhsbl.sites}; the internal blocklist is asked first, without DNS. The client's verdict is asked
 * once per connection, the sender's once per transaction, both ahead of the RCPT ({@link DnsLookupsAhead}) so that no
 * event loop waits for them. {@code postmaster@} and {@code abuse@} stay reachable, so a listed sender can still ask for
 * help.
 */
public class DnsblRcptHook implements RcptHook, DnsLookupsAhead {
    private static final Logger LOGGER = LoggerFactory.getLogger(DnsblRcptHook.class);
    private static final ProtocolSession.AttachmentKey<BlocklistVerdict> CLIENT_VERDICT =
        ProtocolSession.AttachmentKey.of("mxsuite.dnsbl.client", BlocklistVerdict.class);
    private static final ProtocolSession.AttachmentKey<BlocklistVerdict> SENDER_VERDICT =
        ProtocolSession.AttachmentKey.of("mxsuite.dnsbl.sender", BlocklistVerdict.class);
    private static final SessionLookups<BlocklistVerdict> CLIENT_LOOKUP = SessionLookups.perConnection("mxsuite.dnsbl.client.lookup");
    private static final SessionLookups<BlocklistVerdict> SENDER_LOOKUP = SessionLookups.perTransaction("mxsuite.dnsbl.sender.lookup");

    /** How refusals name the internal blocklist, where they name a DNS zone otherwise. */
    public static final String LOCAL_LIST_NAME = "local blocklist";

    private final InboundCheckGate gate;
    private final CheckOutcomes outcomes;
    private final BlocklistErrorWarnings warnings;
    private final LocalBlocklist localBlocklist;
    private final BlocklistChecker clientLists;
    private final BlocklistChecker domainLists;

    @Inject
    public DnsblRcptHook(InboundCheckGate gate, CheckOutcomes outcomes, BlocklistErrorWarnings warnings, LocalBlocklist localBlocklist,
                         DnsResolver resolver, PropertiesProvider properties) throws ConfigurationException {
        this(gate, outcomes, warnings, localBlocklist, resolver, BlocklistSettings.from(SuiteProperties.read(properties)));
    }

    public DnsblRcptHook(InboundCheckGate gate, CheckOutcomes outcomes, BlocklistErrorWarnings warnings, LocalBlocklist localBlocklist,
                         DnsResolver resolver, BlocklistSettings settings) {
        this.gate = gate;
        this.localBlocklist = localBlocklist;
        this.outcomes = outcomes;
        this.warnings = warnings;
        this.clientLists = new BlocklistChecker(resolver, settings.clientSites(), settings.clientThreshold(), settings.timeout());
        this.domainLists = new BlocklistChecker(resolver, settings.domainSites(), settings.domainThreshold(), settings.timeout());
        LOGGER.info("DNS blocklists: clients {} (blocked from score {}), sender domains {} (from score {})",
            settings.clientSites(), settings.clientThreshold(), settings.domainSites(), settings.domainThreshold());
    }

    @Override
    public CompletableFuture<?> beforeRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (gate.appliesTo(InboundCheck.DNSBL, session, rcpt).isEmpty() || isAlwaysReachable(rcpt)
            || localBlocklist.match(session.getRemoteAddress().getAddress()).isPresent()) {
            return NOTHING;
        }
        CompletableFuture<BlocklistVerdict> client = clientLookup(session);
        Optional<String> domain = senderDomain(sender);
        if (domain.isEmpty() || !domainLists.hasSites()) {
            return client;
        }
        return CompletableFuture.allOf(client, senderLookup(session, domain.get()));
    }

    private CompletableFuture<BlocklistVerdict> clientLookup(SMTPSession session) {
        return CLIENT_LOOKUP.of(session, () -> clientLists.checkClient(session.getRemoteAddress().getAddress()));
    }

    private CompletableFuture<BlocklistVerdict> senderLookup(SMTPSession session, String domain) {
        return SENDER_LOOKUP.of(session, () -> domainLists.checkDomain(domain));
    }

    /** Failing open: a verdict that is not there in time lists nothing. */
    private static BlocklistVerdict await(CompletableFuture<BlocklistVerdict> lookup, String what) {
        return SessionLookups.await(lookup, new BlocklistVerdict(0, Integer.MAX_VALUE, Optional.empty(), Optional.empty(),
            List.of(), List.of(what + " (no verdict in time)")));
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
        // the internal blocklist is asked on every RCPT (from memory), so an entry added during a session applies
        Optional<LocalBlocklistEntry> local = localBlocklist.match(session.getRemoteAddress().getAddress());
        if (local.isPresent()) {
            return outcomes.refuse(InboundCheck.DNSBL, "rejected_local", session, sender, rcpt, "554",
                "5.7.1 Service unavailable; client [" + client + "] blocked using " + LOCAL_LIST_NAME
                    + local.get().reason().map(reason -> "; " + reason).orElse(""));
        }
        BlocklistVerdict clientVerdict = session.getAttachment(CLIENT_VERDICT, ProtocolSession.State.Connection)
            .orElseGet(() -> {
                BlocklistVerdict verdict = judged(await(clientLookup(session), "client blocklists"));
                session.setAttachment(CLIENT_VERDICT, verdict, ProtocolSession.State.Connection);
                return verdict;
            });
        if (clientVerdict.blocked()) {
            return outcomes.refuse(InboundCheck.DNSBL, "rejected", session, sender, rcpt, "554",
                "5.7.1 Service unavailable; client [" + client + "] blocked using " + clientVerdict.listedBy().orElseThrow()
                    + clientVerdict.reason().map(reason -> "; " + printable(reason)).orElse(""));
        }
        Optional<String> domain = senderDomain(sender);
        if (domain.isPresent() && domainLists.hasSites()) {
            BlocklistVerdict domainVerdict = session.getAttachment(SENDER_VERDICT, ProtocolSession.State.Transaction)
                .orElseGet(() -> {
                    BlocklistVerdict verdict = judged(await(senderLookup(session, domain.get()), "sender domain blocklists"));
                    session.setAttachment(SENDER_VERDICT, verdict, ProtocolSession.State.Transaction);
                    return verdict;
                });
            if (domainVerdict.blocked()) {
                return outcomes.refuse(InboundCheck.DNSBL, "sender_rejected", session, sender, rcpt, "554",
                    "5.7.1 Service unavailable; sender domain " + domain.get() + " blocked using " + domainVerdict.listedBy().orElseThrow()
                        + domainVerdict.reason().map(reason -> "; " + printable(reason)).orElse(""));
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

    /** A TXT record is the list's text, not ours: it must not break the reply into lines or run on and on. */
    static String printable(String text) {
        String oneLine = text.replaceAll("[^\\x20-\\x7e]", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) : oneLine;
    }

    /** RFC 5321 4.5.1: postmaster must be reachable; abuse@ (RFC 2142) is where a blocked sender reports. */
    static boolean isAlwaysReachable(MailAddress rcpt) {
        String local = LocalPart.canonical(rcpt.getLocalPart());
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
