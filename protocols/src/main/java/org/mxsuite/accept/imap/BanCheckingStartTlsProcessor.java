package org.mxsuite.accept.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.StartTLSRequest;
import org.apache.james.imap.processor.StartTLSProcessor;
import org.mxsuite.ban.BruteForceGuard;

import reactor.core.publisher.Mono;

/** James's IMAP STARTTLS, refusing a banned client ({@code * BYE}) rather than starting TLS for it. */
public class BanCheckingStartTlsProcessor extends StartTLSProcessor {
    private final BruteForceGuard guard;
    private final StatusResponseFactory factory;

    @Inject
    public BanCheckingStartTlsProcessor(StatusResponseFactory factory, BruteForceGuard guard) {
        super(factory);
        this.factory = factory;
        this.guard = guard;
    }

    @Override
    protected Mono<Void> doProcess(StartTLSRequest request, Responder responder, ImapSession session) {
        // STARTTLS is only ever valid before login
        return Mono.fromCallable(() -> ImapBans.refuseIfBanned(guard, session, text -> responder.respond(factory.bye(text)), responder::flush))
            .flatMap(refused -> refused ? Mono.<Void>empty() : super.doProcess(request, responder, session));
    }
}
