package org.mxsuite.accept.imap;

import java.util.Optional;
import java.util.function.Consumer;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.process.ImapSession;
import org.mxsuite.accept.BanReplies;
import org.mxsuite.accept.MailboxPasswordCost;
import org.mxsuite.ban.Ban;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.ClientAddress;
import org.mxsuite.ban.Protocol;

/** What IMAP LOGIN and AUTHENTICATE do around James's credential check: suspended user names, failures, equal time. */
@Singleton
final class LoginChecks {
    private final BruteForceGuard guard;
    private final MailboxPasswordCost cost;

    @Inject
    LoginChecks(BruteForceGuard guard, MailboxPasswordCost cost) {
        this.guard = guard;
        this.cost = cost;
    }

    /** @return true when logins as {@code user} are suspended for this client, which has been told so ({@code NO}) */
    boolean refuseIfSuspended(ImapSession session, Username user, Consumer<HumanReadableText> no, Runnable flush) {
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

    /** James refused the credentials: as long as for a user that exists, then counted. */
    void failed(ImapSession session, Username user, String password) {
        if (user != null) {
            cost.afterRefusal(user, password);
        }
        ImapClientAddress.of(session).ifPresent(client -> guard.loginFailed(client, Protocol.IMAP, user == null ? null : user.asString()));
    }
}
