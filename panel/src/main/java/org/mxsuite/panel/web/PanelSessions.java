package org.mxsuite.panel.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mxsuite.panel.PanelAccountName;

/**
 * Signed-in browsers of this node: a random session id (the cookie) per sign-in, closed after {@link PanelSettings#sessionIdle}
 * without use or at sign-out. Each session has its own CSRF token, which every form carries and every state-changing
 * request must echo. Kept in memory: a restart signs everyone out, and behind a load balancer a browser must stay on
 * one node (sticky sessions).
 */
final class PanelSessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    static final class Session {
        private final PanelAccountName account;
        private final String csrf;
        private volatile Instant lastSeen;

        private Session(PanelAccountName account, String csrf, Instant now) {
            this.account = account;
            this.csrf = csrf;
            this.lastSeen = now;
        }

        PanelAccountName account() {
            return account;
        }

        String csrf() {
            return csrf;
        }

        /** Whether {@code token} is this session's CSRF token (compared in constant time). */
        boolean acceptsCsrf(String token) {
            return token != null && MessageDigest.isEqual(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                csrf.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;

    PanelSessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    /** A new session for {@code account}; returns its id. */
    String open(PanelAccountName account) {
        String id = token();
        sessions.put(id, new Session(account, token(), clock.instant()));
        return id;
    }

    /** The session of this id while it is in use; each use keeps it open. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        Instant now = clock.instant();
        if (session == null) {
            return Optional.empty();
        }
        if (session.lastSeen.plus(idle).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Signs out every browser of the account (its password changed, or it was deleted). */
    void closeAllOf(PanelAccountName account) {
        sessions.values().removeIf(session -> session.account.equals(account));
    }

    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
