package org.mxsuite.accept;

import java.util.Collection;
import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * AUTH on a connection without TLS where the listener requires TLS for it ({@code <auth><requireSSL>}): refused with
 * {@code 538 5.7.11} (RFC 4954) before any credential is asked for or checked. James 3.8.1 only uses requireSSL to
 * decide whether to announce AUTH, and its AuthCmdHandler takes an AUTH it did not announce: a man in the middle that
 * strips STARTTLS would read the password and the login would succeed. Listed before James's core handlers, this
 * answers first; anywhere else it answers nothing and James's handler goes on.
 */
public class AuthWithoutTlsCmdHandler implements CommandHandler<SMTPSession> {
    @Override
    public Response onCommand(SMTPSession session, Request request) {
        if (session.isTLSStarted() || session.isAuthAnnounced()) {
            return null;
        }
        // not announced: refused here only when TLS is what it lacks (announce mode never, or trusted networks of
        // forUnauthorizedAddresses, are James's to answer)
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        if (!session.getConfiguration().isAuthAnnounced(client, true)) {
            return null;
        }
        return new SMTPResponse("538", "5.7.11 Encryption required for requested authentication mechanism");
    }

    @Override
    public Collection<String> getImplCommands() {
        return List.of("AUTH");
    }
}
