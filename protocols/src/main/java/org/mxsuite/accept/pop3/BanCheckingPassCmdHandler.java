package org.mxsuite.accept.pop3;

import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.pop3server.core.PassCmdHandler;
import org.apache.james.pop3server.mailbox.MailboxAdapterFactory;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.mxsuite.accept.common.BanReplies;
import org.mxsuite.accept.common.MailboxPasswordCost;
import org.mxsuite.ban.Ban;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.ClientAddress;
import org.mxsuite.ban.Protocol;

/**
 * James's POP3 PASS with brute-force bans. Listed before James's core handlers, it answers PASS in place of James's
 * own handler: a banned client gets {@code -ERR} and is disconnected before its password is checked; a password
 * that James rejects is counted against the client's address. Only a real credential check counts (PASS without a
 * USER first does not). James 3.8.1 has no APOP command, so there is nothing more to watch.
 */
public class BanCheckingPassCmdHandler extends PassCmdHandler {
    private static final String REQUIRE_TLS = "requireTls";
    private final BruteForceGuard guard;
    private final MailboxPasswordCost cost;
    private boolean requireTls;

    @Inject
    public BanCheckingPassCmdHandler(@Named("mailboxmanager") MailboxManager manager, MailboxAdapterFactory mailboxAdapterFactory,
                              MetricFactory metricFactory, BruteForceGuard guard, MailboxPasswordCost cost) {
        super(manager, mailboxAdapterFactory, metricFactory);
        this.guard = guard;
        this.cost = cost;
    }

    /**
     * {@code <requireTls>true</requireTls>} refuses PASS on a connection without TLS (James 3.8.1's POP3 has no such
     * setting of its own): a password is never sent in clear over the network.
     */
    @Override
    public void init(Configuration config) throws ConfigurationException {
        super.init(config);
        requireTls = config.getBoolean(REQUIRE_TLS, false);
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (requireTls && !session.isTLSStarted()) {
            // not a credential check: not counted; back to the start, so that the client can STLS and log in again
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return new POP3Response(POP3Response.ERR_RESPONSE, "PASS is refused on an unencrypted connection: use STLS first");
        }
        ClientAddress client = ClientAddress.of(session.getRemoteAddress().getAddress());
        Optional<Ban> ban = guard.banOf(client);
        if (ban.isPresent()) {
            POP3Response response = new POP3Response(POP3Response.ERR_RESPONSE, BanReplies.text(ban.get()));
            response.setEndSession(true);
            return response;
        }
        Optional<Ban> suspension = Optional.ofNullable(session.getUsername())
            .flatMap(user -> guard.suspensionOf(user.asString(), client));
        if (suspension.isPresent()) {
            // no credential check, not counted; back to USER, as after any refused PASS
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return new POP3Response(POP3Response.ERR_RESPONSE, BanReplies.suspended(suspension.get()));
        }
        return super.onCommand(session, request);
    }

    @Override
    protected Mailbox auth(POP3Session session, Username username, String password) throws Exception {
        Mailbox mailbox = super.auth(session, username, password);
        if (mailbox == null) {
            // James's PassCmdHandler returns null exactly when the mailbox manager rejects the credentials
            cost.afterRefusal(username, password);
            guard.loginFailed(ClientAddress.of(session.getRemoteAddress().getAddress()), Protocol.POP3,
                username == null ? null : username.asString());
        }
        return mailbox;
    }
}
