package org.mxsuite.accept.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AuthenticateRequest;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.mxsuite.ban.BruteForceGuard;

/** James's IMAP AUTHENTICATE with brute-force bans, as {@link BanCheckingLoginProcessor} does for LOGIN. */
public class BanCheckingAuthenticateProcessor extends AuthenticateProcessor {
    private final BruteForceGuard guard;
    private final LoginChecks checks;

    @Inject
    public BanCheckingAuthenticateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                     BruteForceGuard guard, LoginChecks checks) {
        super(mailboxManager, factory, metricFactory);
        this.guard = guard;
        this.checks = checks;
    }

    @Override
    protected void processRequest(AuthenticateRequest request, ImapSession session, Responder responder) {
        if (ImapBans.refuseIfBanned(guard, session, text -> bye(responder, text), responder::flush)) {
            return;
        }
        super.processRequest(request, session, responder);
    }

    @Override
    protected void doAuth(AuthenticationAttempt authenticationAttempt, ImapSession session, ImapRequest request, Responder responder,
                          HumanReadableText failed) {
        checks.check(session, authenticationAttempt.getAuthenticationId(), authenticationAttempt.getPassword(),
            text -> no(request, responder, text), responder::flush,
            () -> super.doAuth(authenticationAttempt, session, request, responder, failed));
    }

    @Override
    protected void doAuthWithDelegation(AuthenticationAttempt authenticationAttempt, ImapSession session, ImapRequest request,
                                        Responder responder) {
        checks.check(session, authenticationAttempt.getAuthenticationId(), authenticationAttempt.getPassword(),
            text -> no(request, responder, text), responder::flush,
            () -> super.doAuthWithDelegation(authenticationAttempt, session, request, responder));
    }

    @Override
    protected void manageFailureCount(ImapSession session, ImapRequest request, Responder responder, HumanReadableText failed) {
        checks.failed(session);
        super.manageFailureCount(session, request, responder, failed);
    }
}
