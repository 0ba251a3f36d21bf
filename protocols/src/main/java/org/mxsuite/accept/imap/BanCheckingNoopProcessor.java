package org.mxsuite.accept.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.NoopRequest;
import org.apache.james.imap.processor.NoopProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.mxsuite.ban.BruteForceGuard;

import reactor.core.publisher.Mono;

/** James's IMAP NOOP, refusing a banned client that has not logged in ({@code * BYE}), as CAPABILITY does. */
public class BanCheckingNoopProcessor extends NoopProcessor {
    private final BruteForceGuard guard;

    @Inject
    public BanCheckingNoopProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                             BruteForceGuard guard) {
        super(mailboxManager, factory, metricFactory);
        this.guard = guard;
    }

    @Override
    protected Mono<Void> processRequestReactive(NoopRequest request, ImapSession session, Responder responder) {
        return Mono.fromCallable(() -> session.getState() == ImapSessionState.NON_AUTHENTICATED
                && ImapBans.refuseIfBanned(guard, session, text -> bye(responder, text), responder::flush))
            .flatMap(refused -> refused ? Mono.<Void>empty() : super.processRequestReactive(request, session, responder));
    }
}
