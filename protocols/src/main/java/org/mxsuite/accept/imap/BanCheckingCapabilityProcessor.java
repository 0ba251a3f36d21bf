package org.mxsuite.accept.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.CapabilityRequest;
import org.apache.james.imap.processor.CapabilityProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.mxsuite.ban.BruteForceGuard;

import reactor.core.publisher.Mono;

/**
 * James's IMAP CAPABILITY, refusing a banned client that has not logged in ({@code * BYE}). CAPABILITY is the first
 * command of nearly every client: James 3.8.1's IMAP server has no hook at connect, so this is the earliest point.
 */
public class BanCheckingCapabilityProcessor extends CapabilityProcessor {
    private final BruteForceGuard guard;

    @Inject
    public BanCheckingCapabilityProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                   BruteForceGuard guard) {
        super(mailboxManager, factory, metricFactory);
        this.guard = guard;
    }

    @Override
    protected Mono<Void> processRequestReactive(CapabilityRequest request, ImapSession session, Responder responder) {
        return Mono.fromCallable(() -> session.getState() == ImapSessionState.NON_AUTHENTICATED
                && ImapBans.refuseIfBanned(guard, session, text -> bye(responder, text), responder::flush))
            .flatMap(refused -> refused ? Mono.<Void>empty() : super.processRequestReactive(request, session, responder));
    }
}
