package org.mxsuite.accept.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.LoginRequest;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.mxsuite.ban.BruteForceGuard;

/**
 * James's IMAP LOGIN with brute-force bans: a banned client gets {@code * BYE} and is disconnected before its
 * credentials are checked, and logins as a suspended user name get {@code NO} without one; a rejected login is counted
 * against its address, /64 and user name, after taking as long for a user that does not exist. James calls
 * {@code manageFailureCount} exactly when the mailbox manager rejects the credentials (its own 3-per-connection
 * limit lives there too, and still applies).
 */
public class BanCheckingLoginProcessor extends LoginProcessor {
    private final BruteForceGuard guard;
    private final LoginChecks checks;

    @Inject
    public BanCheckingLoginProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                              BruteForceGuard guard, LoginChecks checks) {
        super(mailboxManager, factory, metricFactory);
        this.guard = guard;
        this.checks = checks;
    }

    @Override
    protected void processRequest(LoginRequest request, ImapSession session, Responder responder) {
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
