package org.mxsuite.accept.imap;

import java.util.Optional;
import java.util.function.Consumer;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.process.ImapSession;
import org.mxsuite.accept.common.BanReplies;
import org.mxsuite.accept.common.MailboxPasswordCost;
import org.mxsuite.ban.Ban;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.ClientAddress;
import org.mxsuite.ban.Protocol;

/** What IMAP LOGIN and AUTHENTICATE do around James's credential check: suspended user names, failures, equal time. */
@Singleton
final class LoginChecks {
    private final BruteForceGuard guard;
    private final MailboxPasswordCost cost;
    // the credentials James is checking on this thread, for the failure count that follows a refusal
    private final ThreadLocal<Credentials> checking = new ThreadLocal<>();

    @Inject
    LoginChecks(BruteForceGuard guard, MailboxPasswordCost cost) {
        this.guard = guard;
        this.cost = cost;
    }

    /** @return true when logins as {@code user} are suspended for this client, which has been told so ({@code NO}) */
    private boolean refuseIfSuspended(ImapSession session, Username user, Consumer<HumanReadableText> no, Runnable flush) {
        Optional<ClientAddress> client = ImapClientAddress.of(session);
        Optional<Ban> suspension = user == null || client.isEmpty() ? Optional.empty()
            : guard.suspensionOf(user.asString(), client.get());
        if (suspension.isEmpty()) {
            return false;
        }
        no.accept(new HumanReadableText("org.mxsuite.SUSPENDED", BanReplies.suspended(suspension.get())));
        flush.run();
        return true;
    }

    /**
     * Runs James's check of the credentials ({@code jamesCheck}) unless logins as {@code user} are suspended for this
     * client (then it has been told so, {@code NO}); a refusal James reports meanwhile ({@link #failed}) is the
     * refusal of these credentials.
     */
    void check(ImapSession session, Username user, String password, Consumer<HumanReadableText> no, Runnable flush,
               Runnable jamesCheck) {
        if (refuseIfSuspended(session, user, no, flush)) {
            return;
        }
        checking.set(new Credentials(user, password));
        try {
            jamesCheck.run();
        } finally {
            checking.remove();
        }
    }

    /** James refused the credentials it is checking on this thread: as long as for a user that exists, then counted. */
    void failed(ImapSession session) {
        Credentials refused = checking.get();
        Username user = refused == null ? null : refused.user;
        if (user != null) {
            cost.afterRefusal(user, refused.password);
        }
        ImapClientAddress.of(session).ifPresent(client -> guard.loginFailed(client, Protocol.IMAP, user == null ? null : user.asString()));
    }

    private static final class Credentials {
        private final Username user;
        private final String password;

        private Credentials(Username user, String password) {
            this.user = user;
            this.password = password;
        }
    }
}
