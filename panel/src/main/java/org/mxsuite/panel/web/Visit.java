package org.mxsuite.panel.web;

import java.util.Optional;

import org.mxsuite.panel.PanelAccount;
import org.mxsuite.panel.PanelAccountStore;

import spark.Request;
import spark.Response;

/**
 * Who is asking: the session of the request's cookie and its account, read again at every request (a deleted account
 * or a domain taken from an owner takes effect at once), and the cookies the panel sets.
 */
final class Visit {
    static final String SESSION_COOKIE = "mxsuite_panel";
    static final String LOGIN_COOKIE = "mxsuite_login";

    private final PanelSessions sessions;
    private final PanelAccountStore accounts;
    private final boolean https;

    Visit(PanelSessions sessions, PanelAccountStore accounts, boolean https) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.https = https;
    }

    /** The signed-in account and its session, if the request has a session whose account still exists. */
    Optional<SignedIn> of(Request request) {
        String id = request.cookie(SESSION_COOKIE);
        Optional<PanelSessions.Session> session = sessions.find(id);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Optional<PanelAccount> account = accounts.get(session.get().account());
        if (account.isEmpty()) {
            sessions.close(id);
            return Optional.empty();
        }
        return Optional.of(new SignedIn(id, session.get(), account.get()));
    }

    /** A cookie only this site's pages send back, never readable by a script, over HTTPS only when the panel is. */
    void setCookie(Response response, String name, String value) {
        response.raw().addHeader("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : ""));
    }

    void clearCookie(Response response, String name) {
        response.raw().addHeader("Set-Cookie", name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (https ? "; Secure" : ""));
    }

    PanelSessions sessions() {
        return sessions;
    }

    static final class SignedIn {
        final String sessionId;
        final PanelSessions.Session session;
        final PanelAccount account;

        SignedIn(String sessionId, PanelSessions.Session session, PanelAccount account) {
            this.sessionId = sessionId;
            this.session = session;
            this.account = account;
        }
    }
}
