package org.mxsuite.panel.web;

import java.util.Optional;
import java.util.function.Predicate;

import org.apache.james.core.Username;
import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.domain.MailboxDomains;
import org.mxsuite.domain.ServiceKind;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The users of a mailbox domain, for its owner: the list, adding one, a new password, removal. Only addresses of the
 * page's domain are taken (an owner cannot reach another domain's user by editing a form), with the rules WebAdmin's
 * {@code /users} routes apply to passwords.
 */
final class MailboxUserPages implements PanelRoutes {
    private static final Predicate<HostedDomain> MAILBOX = domain -> domain.service() == ServiceKind.MAILBOX;

    private final Visit visit;
    private final HostedDomainStore domains;
    private final MailboxDomains mailboxes;

    MailboxUserPages(Visit visit, HostedDomainStore domains, MailboxDomains mailboxes) {
        this.visit = visit;
        this.domains = domains;
        this.mailboxes = mailboxes;
    }

    @Override
    public void define(Service service) {
        service.get("/domains/:domain/users", this::list);
        service.post("/domains/:domain/users", this::add);
        service.post("/domains/:domain/users/:user/password", this::password);
        service.post("/domains/:domain/users/:user/delete", this::remove);
    }

    private String list(Request request, Response response) {
        Pages.DomainRequest asked = Pages.viewing(visit, domains, request, response, MAILBOX);
        if (asked.refused()) {
            return asked.refusal;
        }
        return page(asked.signedIn, asked.domain.name(), Optional.ofNullable(request.queryParams("done")).map(done -> Html.notice("ok", done))
            .orElse(""));
    }

    private String add(Request request, Response response) {
        return act(request, response, (domain, user) -> {
            Username added = mailboxes.addUser(domain, Optional.ofNullable(request.queryParams("localPart")).orElse("").trim(),
                request.queryParams("password"));
            return "User " + added.asString() + " added.";
        });
    }

    private String password(Request request, Response response) {
        return act(request, response, (domain, user) -> mailboxes.setPassword(domain, user, request.queryParams("password"))
            ? "New password of " + user + " set." : "There is no user " + user + ".");
    }

    private String remove(Request request, Response response) {
        return act(request, response, (domain, user) -> mailboxes.removeUser(domain, user)
            ? "User " + user + " removed (and their mail)." : "There is no user " + user + ".");
    }

    @FunctionalInterface
    private interface Action {
        String run(DomainName domain, String user);
    }

    /** A posted form of the domain's owner, its action, then the list again with what was done or why not. */
    private String act(Request request, Response response, Action action) {
        Pages.DomainRequest posted = Pages.posting(visit, domains, request, response, MAILBOX);
        if (posted.refused()) {
            return posted.refusal;
        }
        try {
            String done = action.run(posted.domain.name(), Optional.ofNullable(request.params("user")).orElse(""));
            response.redirect("/domains/" + posted.domain.name().asString() + "/users?done="
                + java.net.URLEncoder.encode(done, java.nio.charset.StandardCharsets.UTF_8), HttpStatus.SEE_OTHER_303);
            return "";
        } catch (InvalidSettingException e) {
            response.status(HttpStatus.BAD_REQUEST_400);
            return page(posted.signedIn, posted.domain.name(), Html.notice("error", e.getMessage()));
        }
    }

    private String page(Visit.SignedIn signedIn, DomainName domain, String notice) {
        String base = "/domains/" + Html.escape(domain.asString()) + "/users";
        String csrf = Html.csrfField(signedIn.session.csrf());
        StringBuilder rows = new StringBuilder();
        for (Username user : mailboxes.usersOf(domain)) {
            String address = Html.escape(user.asString());
            rows.append("<tr><td>").append(address).append("</td><td><form method=\"post\" action=\"").append(base).append('/')
                .append(address).append("/password\">").append(csrf)
                .append("<input type=\"password\" name=\"password\" aria-label=\"new password of ").append(address)
                .append("\" autocomplete=\"new-password\" required><button type=\"submit\">Set password</button></form></td><td>")
                .append("<form method=\"post\" action=\"").append(base).append('/').append(address).append("/delete\">").append(csrf)
                .append("<button type=\"submit\">Remove</button></form></td></tr>");
        }
        return Pages.page(signedIn, "Users of " + domain.asString(), notice
            + "<table id=\"users\"><thead><tr><th>User</th><th>Password</th><th></th></tr></thead><tbody>" + rows + "</tbody></table>"
            + "<h2>New user</h2><form class=\"login\" method=\"post\" action=\"" + base + "\">" + csrf
            + "<label for=\"local-part\">Address (before @" + Html.escape(domain.asString()) + ")</label>"
            + "<input type=\"text\" id=\"local-part\" name=\"localPart\" required>"
            + "<label for=\"user-password\">Password</label><input type=\"password\" id=\"user-password\" name=\"password\""
            + " autocomplete=\"new-password\" required><button type=\"submit\" id=\"add-user\">Add the user</button></form>"
            + "<p>Users read their mail over IMAP or POP3 and send over submission, logging in with their address.</p>");
    }
}
