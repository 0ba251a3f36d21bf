package org.mxsuite.accept.relay;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.inject.Inject;

import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.mxsuite.accept.check.DnsLookupsAhead;
import org.mxsuite.accept.check.SessionLookups;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.relay.RelayAccountName;
import org.mxsuite.relay.RelayClients;
import org.mxsuite.relay.RelaySettings;
import org.mxsuite.relay.SenderVerification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MAIL FROM of a logged-in client: a relay account may send only from its domains, and the domain must resolve in
 * DNS (sender verification, 451 4.1.8 with the cause); a mailbox user only from its own domain. The domain whose
 * daily quota pays is kept for the RCPT and DATA hooks. A mailbox user's sender then goes on to the identity check
 * ({@link SenderIdentityHook}). Sender verification is looked up ahead of the MAIL ({@link DnsLookupsAhead}), so that
 * no event loop waits for it; a lookup that fails or times out is answered 451 4.4.3.
 */
public class RelaySenderMailHook implements MailHook, DnsLookupsAhead {
    private static final Logger LOGGER = LoggerFactory.getLogger(RelaySenderMailHook.class);
    private static final ProtocolSession.AttachmentKey<Verifying> VERIFYING =
        ProtocolSession.AttachmentKey.of("mxsuite.relay.senderverification", Verifying.class);

    /** The verification of one sender domain, started ahead of its MAIL. */
    private static final class Verifying {
        final String domain;
        final CompletableFuture<Optional<SenderVerification.Failure>> failure;

        Verifying(String domain, CompletableFuture<Optional<SenderVerification.Failure>> failure) {
            this.domain = domain;
            this.failure = failure;
        }
    }

    private final RelayClients clients;
    private final SenderVerification verification;
    private final RelaySettings settings;
    private final MetricFactory metrics;

    @Inject
    public RelaySenderMailHook(RelayClients clients, SenderVerification verification, RelaySettings settings, MetricFactory metrics) {
        this.clients = clients;
        this.verification = verification;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<?> beforeMail(SMTPSession session, MaybeSender sender) {
        if (session.getUsername() == null || !RelayAccountName.couldBe(session.getUsername().asString()) || !settings.verifySenders()
            || sender.isNullSender()) {
            return NOTHING;
        }
        try {
            return verification(session, DomainName.of(sender.get().getDomain().asString()).asString());
        } catch (InvalidSettingException e) {
            return NOTHING;
        }
    }

    private CompletableFuture<Optional<SenderVerification.Failure>> verification(SMTPSession session, String domain) {
        Optional<Verifying> started = session.getAttachment(VERIFYING, ProtocolSession.State.Connection)
            .filter(verifying -> verifying.domain.equals(domain));
        if (started.isPresent()) {
            return started.get().failure;
        }
        Verifying verifying = new Verifying(domain, verification.failureOf(domain));
        session.setAttachment(VERIFYING, verifying, ProtocolSession.State.Connection);
        return verifying.failure;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (session.getUsername() == null) {
            return HookResult.DECLINED;
        }
        String login = session.getUsername().asString();
        Optional<DomainName> senderDomain;
        try {
            senderDomain = sender.asOptional().map(address -> DomainName.of(address.getDomain().asString()));
        } catch (InvalidSettingException e) {
            return refused("sender", login, sender, RelayReplies.senderNotAllowed("the sender's domain is not a valid domain name"));
        }
        RelayClients.Decision decision = clients.charge(login, senderDomain);
        if (decision.refusal().isPresent()) {
            return refused("sender_refused", login, sender, RelayReplies.senderNotAllowed(decision.refusal().get()));
        }
        if (decision.fromRelayAccount() && settings.verifySenders() && senderDomain.isPresent()) {
            Optional<SenderVerification.Failure> failure = SessionLookups.await(verification(session, senderDomain.get().asString()),
                Optional.of(SenderVerification.Failure.noAnswer(senderDomain.get().asString())));
            session.removeAttachment(VERIFYING, ProtocolSession.State.Connection);
            if (failure.isPresent()) {
                return refused("sender_verify_failed", login, sender, RelayReplies.senderVerifyFailed(failure.get()));
            }
        }
        RelaySession.charge(session, decision.charge().orElseThrow());
        return HookResult.DECLINED;
    }

    private HookResult refused(String outcome, String login, MaybeSender sender, HookResult reply) {
        metrics.generate("mxsuite_relay_" + outcome).increment();
        LOGGER.info("relay {}: login {} from <{}>: {} {}", outcome, login, sender.asString(""), reply.getSmtpRetCode(), reply.getSmtpDescription());
        return reply;
    }
}
