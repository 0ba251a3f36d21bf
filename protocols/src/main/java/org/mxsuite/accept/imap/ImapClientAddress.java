package org.mxsuite.accept.imap;

import java.util.Map;
import java.util.Optional;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imapserver.netty.ImapChannelUpstreamHandler;
import org.apache.james.util.MDCBuilder;
import org.mxsuite.ban.ClientAddress;
import org.mxsuite.domain.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The client address of an IMAP session. James 3.8.1's {@link ImapSession} does not expose it, its IMAP server has
 * no connection check to plug in, and its Netty pipeline is private. What it does keep is the connection's logging
 * context, stored in the session under {@link ImapChannelUpstreamHandler#MDC_KEY} when the connection opens, with
 * the client address under {@link MDCBuilder#IP} (the PROXY-protocol source address when James runs behind a
 * proxy: the real client). Both names are James's public constants, so a rename breaks our build, not our bans;
 * a change of content is caught by the integration test that bans an IMAP client, and shows at run time as an
 * error in the log, never as a silently unbanned client being let in unnoticed.
 */
final class ImapClientAddress {
    private static final Logger LOGGER = LoggerFactory.getLogger(ImapClientAddress.class);

    private ImapClientAddress() {
    }

    static Optional<ClientAddress> of(ImapSession session) {
        Object context = session.getAttribute(ImapChannelUpstreamHandler.MDC_KEY);
        if (!(context instanceof MDCBuilder)) {
            LOGGER.error("IMAP session {} has no connection context: brute-force bans cannot see its client address", session.sessionId());
            return Optional.empty();
        }
        String ip = readIp((MDCBuilder) context);
        if (ip == null) {
            LOGGER.error("IMAP session {} has no client address in its connection context: brute-force bans cannot see it", session.sessionId());
            return Optional.empty();
        }
        try {
            // an IPv6 scope (fe80::1%eth0) is not part of the client's identity
            int scope = ip.indexOf('%');
            return Optional.of(ClientAddress.parse(scope < 0 ? ip : ip.substring(0, scope)));
        } catch (InvalidSettingException e) {
            LOGGER.error("IMAP session {}: '{}' is not a client address: brute-force bans cannot see it", session.sessionId(), ip);
            return Optional.empty();
        }
    }

    /** MDCBuilder only writes into the thread's MDC: read it there, and leave the thread's MDC as it was. */
    private static String readIp(MDCBuilder context) {
        Map<String, String> saved = MDC.getCopyOfContextMap();
        try {
            return context.execute(() -> MDC.get(MDCBuilder.IP));
        } finally {
            if (saved == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(saved);
            }
        }
    }
}
