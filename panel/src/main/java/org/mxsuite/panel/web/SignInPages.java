package org.mxsuite.panel.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.ban.Ban;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.ClientAddress;
import org.mxsuite.ban.Protocol;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.panel.PanelAccount;
import org.mxsuite.panel.PanelAccountName;
import org.mxsuite.panel.PanelAccountStore;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Sign-in and sign-out. A failed sign-in counts towards the brute-force ban as a failed SMTP, IMAP or POP3 login
 * does (the client's address and the name tried), and a banned address or suspended name is refused before any
 * password is checked. The sign-in form is protected from cross-site posting by a token in a cookie and in the
 * form (double submit), as there is no session yet.
 */
final class SignInPages implements PanelRoutes {
    private final Visit visit;
    private final PanelAccountStore accounts;
    private final BruteForceGuard guard;

    SignInPages(Visit visit, PanelAccountStore accounts, BruteForceGuard guard) {
        this.visit = visit;
        this.accounts = accounts;
        this.guard = guard;
    }

    @Override
    public void define(Service service) {
        service.get("/login", this::form);
        service.post("/login", this::signIn);
        service.post("/logout", this::signOut);
    }

    private String form(Request request, Response response) {
        return form(response, Optional.empty(), HttpStatus.OK_200);
    }

    private String form(Response response, Optional<String> error, int status) {
        String token = PanelSessions.token();
        visit.setCookie(response, Visit.LOGIN_COOKIE, token);
        response.status(status);
        return Html.page("Sign in", null, null, error.map(message -> Html.notice("error", message)).orElse("")
            + "<form class=\"login\" method=\"post\" action=\"/login\">" + Html.csrfField(token)
            + "<label for=\"name\">Account</label><input type=\"text\" id=\"name\" name=\"name\" autocomplete=\"username\" required>"
            + "<label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\""
            + " autocomplete=\"current-password\" required><button type=\"submit\" id=\"sign-in\">Sign in</button></form>");
    }

    private String signIn(Request request, Response response) {
        String expected = request.cookie(Visit.LOGIN_COOKIE);
        String given = request.queryParams("csrf");
        if (expected == null || given == null || !java.security.MessageDigest.isEqual(expected.getBytes(), given.getBytes())) {
            return form(response, Optional.of("The sign-in form expired: please sign in again."), HttpStatus.FORBIDDEN_403);
        }
        ClientAddress client = clientOf(request);
        String name = Optional.ofNullable(request.queryParams("name")).orElse("").trim();
        Optional<Ban> ban = guard.banOf(client).or(() -> guard.suspensionOf(name, client));
        if (ban.isPresent()) {
            return form(response, Optional.of("Too many failed sign-ins: refused until " + ban.get().expiresAt() + "."),
                HttpStatus.FORBIDDEN_403);
        }
        Optional<PanelAccount> account = account(name).filter(found -> found.password().matches(request.queryParams("password")));
        if (account.isEmpty()) {
            guard.loginFailed(client, Protocol.PANEL, name.isEmpty() ? null : name);
            return form(response, Optional.of("Wrong account name or password."), HttpStatus.UNAUTHORIZED_401);
        }
        visit.clearCookie(response, Visit.LOGIN_COOKIE);
        visit.setCookie(response, Visit.SESSION_COOKIE, visit.sessions().open(account.get().name()));
        response.redirect("/", HttpStatus.SEE_OTHER_303);
        return "";
    }

    private Optional<PanelAccount> account(String name) {
        try {
            return accounts.get(PanelAccountName.of(name));
        } catch (InvalidSettingException e) {
            return Optional.empty();
        }
    }

    private String signOut(Request request, Response response) {
        Optional<Visit.SignedIn> signedIn = visit.of(request);
        if (signedIn.isPresent() && signedIn.get().session.acceptsCsrf(request.queryParams("csrf"))) {
            visit.sessions().close(signedIn.get().sessionId);
        }
        visit.clearCookie(response, Visit.SESSION_COOKIE);
        response.redirect("/login", HttpStatus.SEE_OTHER_303);
        return "";
    }

    /** The connecting address (a proxy in front of the panel would make every client the proxy: see docs/panel.md). */
    private static ClientAddress clientOf(Request request) {
        try {
            return ClientAddress.of(InetAddress.getByName(request.ip()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the connection's address is not an address: " + request.ip(), e);
        }
    }
}
