package org.mxsuite.accept;

import org.mxsuite.accept.common.BanReplies;
import org.mxsuite.accept.common.EmptyResponse;
import javax.inject.Inject;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.ClientAddress;

/**
 * Refuses a banned address as soon as it connects (554 5.7.1, then the connection is closed), before it can send
 * any command. Listed first in the handler chain, so it runs before James's greeting.
 */
public class SmtpBanConnectHandler implements ConnectHandler<SMTPSession> {
    private final BruteForceGuard guard;

    @Inject
    public SmtpBanConnectHandler(BruteForceGuard guard) {
        this.guard = guard;
    }

    @Override
    public Response onConnect(SMTPSession session) {
        return guard.banOf(ClientAddress.of(session.getRemoteAddress().getAddress()))
            .map(ban -> {
                SMTPResponse response = new SMTPResponse("554", "5.7.1 " + BanReplies.text(ban));
                response.setEndSession(true);
                return (Response) response;
            })
            .orElse(EmptyResponse.INSTANCE);
    }
}
