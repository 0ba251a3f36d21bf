package org.mxsuite.accept;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.smtpserver.CoreCmdHandlerLoader;
import org.apache.james.smtpserver.fastfail.ValidRcptHandler;
import org.mxsuite.accept.check.ConnectRefusalTrace;
import org.mxsuite.accept.check.DnsWaitLineHandler;
import org.mxsuite.accept.check.RefusalTrace;
import org.mxsuite.accept.client.ReverseDnsRcptHook;
import org.mxsuite.accept.client.SenderDomainRcptHook;
import org.mxsuite.accept.content.HeaderChecksMessageHook;
import org.mxsuite.accept.dnsbl.DnsblRcptHook;
import org.mxsuite.accept.greylist.GreylistRcptHook;
import org.mxsuite.accept.limit.DomainTrafficMessageHook;
import org.mxsuite.accept.limit.DomainTrafficRcptHook;
import org.mxsuite.accept.relay.RelayQuotaMessageHook;
import org.mxsuite.accept.relay.RelayQuotaRcptHook;
import org.mxsuite.accept.relay.RelaySenderMailHook;
import org.mxsuite.accept.relay.SenderIdentityHook;
import org.mxsuite.accept.scan.SpamScanMessageHook;
import org.mxsuite.accept.scan.VirusScanMessageHook;
import org.mxsuite.accept.verify.VerifiedRecipientRcptHook;

/**
 * The one list of the suite's SMTP handlers, in the order they run, then James's core handlers
 * ({@link CoreCmdHandlerLoader}): every SMTP server of {@code smtpserver.xml} is built from it, naming one of its
 * packages as {@code <handlerchain coreHandlersPackage="...">}. A hook added here is on every server. The servers
 * differ in one hook only, who {@link SenderIdentityHook} checks: {@link InboundSmtpHandlers} (the MX listeners) checks
 * logged-in clients only, {@link SubmissionSmtpHandlers} (submission, SMTPS and the relay ports) every client. James hands a package's
 * handlers no parameters: those that have any take them from system properties (docs/configuration.md).
 */
public abstract class SmtpHandlers implements HandlersPackage {
    private final List<String> handlers;

    protected SmtpHandlers(Class<? extends SenderIdentityHook> senderIdentity) {
        List<String> all = new ArrayList<>();
        suiteHandlers(senderIdentity).forEach(handler -> all.add(handler.getName()));
        all.addAll(new CoreCmdHandlerLoader().getHandlers());
        this.handlers = List.copyOf(all);
    }

    /** The suite's handlers, in the order they run (before James's core handlers). */
    static List<Class<?>> suiteHandlers(Class<? extends SenderIdentityHook> senderIdentity) {
        return List.of(
            // first: gives James's "552 Quota exceeded" for an oversized message its code and reason (552 5.3.4)
            MessageSizeReply.class,
            // notes the envelope as each command arrives, and traces every hook's refusal with its reply (GET /trace)
            RefusalTrace.class,
            // connections refused before any command (bans, connection limits), in the trace too
            ConnectRefusalTrace.class,
            // an envelope address with a control character (CR, LF, NUL, DEL...): 501, before anything else
            ControlCharacterAddressHook.class,
            // reads every command line before James does: a MAIL or RCPT whose checks wait for DNS is held back, off
            // the event loop, until the answers are in (docs/configuration.md, "DNS client")
            DnsWaitLineHandler.class,
            // recipients per message: 452 4.5.3 past the limit, before any hook can accept one
            MaxRecipientsRcptHook.class,
            // outbound relay for logged-in clients (relay accounts, mailbox users): allowed sender domains, sender
            // verification in DNS, and the sending domain's daily relay quota (docs/configuration.md, "Outbound relay")
            RelaySenderMailHook.class,
            RelayQuotaRcptHook.class,
            // a mailbox user sends as itself (or an address it may send from); James's own verifyIdentity is off
            senderIdentity,
            // SMTP-time checks of hosted domains, decided at RCPT (docs/configuration.md, "SMTP-time checks"): the
            // refusals first, greylisting last, so that a listed client is refused rather than greylisted
            DnsblRcptHook.class,
            ReverseDnsRcptHook.class,
            SenderDomainRcptHook.class,
            GreylistRcptHook.class,
            // addresses no MX lookup can route (address literals, names not fully qualified): 550 5.1.2
            UnroutableDomainRcptHook.class,
            // hosted domains' traffic limits (messages, bytes, transactions per day or month): 452 4.7.0 when reached;
            // before the hooks that accept a recipient, which end the chain
            DomainTrafficRcptHook.class,
            // mail to be held for another domain (forward targets, returned bounces, relayed mail): 452 when the hold
            // queue has no room for it (hold.external.* in mxsuite.properties)
            HeldRoomRcptHook.class,
            // backup/relay domains with verifyRecipients: 550 5.1.1 for an address their own server refuses, asked at
            // RCPT ahead of the command like a DNS lookup (docs/backup-mx.md, "Recipient verification")
            VerifiedRecipientRcptHook.class,
            // backup/relay domains: accepted from anyone, within their recipients and queue quota
            HostedDomainRcptHook.class,
            // forward domains (catch-all) and bounces to our SRS addresses
            ForwardRcptHook.class,
            // message sanity of hosted domains' mail at the end of DATA
            HeaderChecksMessageHook.class,
            // virus scanning (clamd) then spam scoring (rspamd), when configured in mxsuite.properties
            VirusScanMessageHook.class,
            SpamScanMessageHook.class,
            HeldQuotaMessageHook.class,
            // a message counted against its hosted domains' traffic limits, once nothing before refuses it
            DomainTrafficMessageHook.class,
            // last of the message hooks: a relayed message is counted only once nothing else refuses it
            RelayQuotaMessageHook.class,
            // ETRN (RFC 1985) for the domains' own servers
            EtrnCmdHandler.class,
            ValidRcptHandler.class,
            // AUTH of relay accounts and mailbox users; brute-force bans: a banned address is refused at connect,
            // failed AUTH is counted
            SmtpBanConnectHandler.class,
            // AUTH without TLS where requireSSL is on: 538 5.7.11 before any credential is asked for
            AuthWithoutTlsCmdHandler.class,
            // connections at once to this listener, in all and per client address (IPv6: per /64): 421 4.7.0 past them
            SmtpConnectionLimits.class,
            SmtpAuthHook.class);
    }

    @Override
    public List<String> getHandlers() {
        return handlers;
    }
}
