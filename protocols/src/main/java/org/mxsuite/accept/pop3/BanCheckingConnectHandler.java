package org.mxsuite.accept.pop3;

import javax.inject.Inject;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.mxsuite.accept.common.BanReplies;
import org.mxsuite.accept.common.EmptyResponse;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.ClientAddress;

/** Refuses a banned address as soon as it connects ({@code -ERR}, then the connection is closed). */
public class BanCheckingConnectHandler implements ConnectHandler<POP3Session> {
    private final BruteForceGuard guard;

    @Inject
    public BanCheckingConnectHandler(BruteForceGuard guard) {
        this.guard = guard;
    }

    @Override
    public Response onConnect(POP3Session session) {
        return guard.banOf(ClientAddress.of(session.getRemoteAddress().getAddress()))
            .map(ban -> {
                POP3Response response = new POP3Response(POP3Response.ERR_RESPONSE, BanReplies.text(ban));
                response.setEndSession(true);
                return (Response) response;
            })
            .orElse(EmptyResponse.INSTANCE);
    }
}
