package org.mxsuite.accept;

import org.mxsuite.accept.common.BanReplies;
import org.mxsuite.accept.common.MailboxPasswordCost;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.UsersRepositoryAuthHook;
import org.mxsuite.ban.Ban;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.ClientAddress;
import org.mxsuite.ban.Protocol;
import org.mxsuite.relay.RelayAccount;
import org.mxsuite.relay.RelayAccountName;
import org.mxsuite.relay.RelayClients;
import org.mxsuite.relay.RelayLogin;

/**
 * SMTP AUTH (PLAIN, LOGIN) of relay accounts and mailbox users, with brute-force bans. Listed in the handler chain,
 * it comes before James's own {@link UsersRepositoryAuthHook} and decides for it: a banned client is refused before
 * its credentials are checked; a plain login (no '@') is a relay account, checked against its password hash; any
 * other login is James's mailbox user, checked by James's hook. A rejection is counted against the client's address,
 * its /64 and the user name, and answered 535 at once (James's hook is not asked twice), so the count sees exactly one
 * failure per attempt, whatever the SASL exchange looked like. Logins as a suspended user name get 454 4.7.0 before
 * any check, and so do relay accounts' logins while every password check is taken; neither is counted. A refusal
 * takes as long whether the name exists or not.
 */
public class SmtpAuthHook implements AuthHook {
    private final BruteForceGuard guard;
    private final UsersRepositoryAuthHook users;
    private final RelayClients relayClients;
    private final MailboxPasswordCost mailboxCost;

    @Inject
    public SmtpAuthHook(BruteForceGuard guard, UsersRepositoryAuthHook users, RelayClients relayClients, MailboxPasswordCost mailboxCost) {
        this.guard = guard;
        this.users = users;
        this.relayClients = relayClients;
        this.mailboxCost = mailboxCost;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        ClientAddress client = ClientAddress.of(session.getRemoteAddress().getAddress());
        Optional<Ban> ban = guard.banOf(client);
        if (ban.isPresent()) {
            return HookResult.builder().hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode("554").smtpDescription("5.7.1 " + BanReplies.text(ban.get())).build();
        }
        Optional<Ban> suspension = guard.suspensionOf(username.asString(), client);
        if (suspension.isPresent()) {
            return temporaryRefusal("4.7.0 " + BanReplies.suspended(suspension.get()));
        }
        if (RelayAccountName.couldBe(username.asString())) {
            RelayLogin login = relayClients.authenticate(username.asString(), password);
            if (login.isBusy()) {
                return temporaryRefusal("4.7.0 Too many logins are being checked at once; try again later");
            }
            Optional<RelayAccount> account = login.account();
            if (account.isPresent()) {
                session.setUsername(Username.of(account.get().name().asString()));
                session.setRelayingAllowed(true);
                return HookResult.builder().hookReturnCode(HookReturnCode.ok()).smtpDescription("2.7.0 Authentication successful").build();
            }
        } else {
            HookResult result = users.doAuth(session, username, password);
            if (result.getResult().getAction() == HookReturnCode.Action.OK) {
                return result;
            }
            mailboxCost.afterRefusal(username, password);
        }
        guard.loginFailed(client, Protocol.SMTP, username.asString());
        return HookResult.builder().hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode("535").smtpDescription("5.7.8 Authentication credentials invalid").build();
    }

    private static HookResult temporaryRefusal(String description) {
        return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("454").smtpDescription(description).build();
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        // OAUTHBEARER/XOAUTH2 carry tokens, not passwords: left to James
        return HookResult.DECLINED;
    }
}
