package org.mxsuite.accept;

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
import org.mxsuite.ban.Protocol;

/**
 * James's IMAP LOGIN with brute-force bans: a banned client gets {@code * BYE} and is disconnected before its
 * credentials are checked; a rejected login is counted against its address. James calls
 * {@code manageFailureCount} exactly when the mailbox manager rejects the credentials (its own 3-per-connection
 * limit lives there too, and still applies).
 */
public class ImapLoginProcessor extends LoginProcessor {
    private final BruteForceGuard guard;

    @Inject
    public ImapLoginProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                              BruteForceGuard guard) {
        super(mailboxManager, factory, metricFactory);
        this.guard = guard;
    }

    @Override
    protected void processRequest(LoginRequest request, ImapSession session, Responder responder) {
        if (ImapBans.refuseIfBanned(guard, session, text -> bye(responder, text), responder::flush)) {
            return;
        }
        super.processRequest(request, session, responder);
    }

    @Override
    protected void manageFailureCount(ImapSession session, ImapRequest request, Responder responder, HumanReadableText failed) {
        ImapClientAddress.of(session).ifPresent(client -> guard.loginFailed(client, Protocol.IMAP));
        super.manageFailureCount(session, request, responder, failed);
    }
}
