package org.mxsuite.panel.web;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.panel.PanelAccount;
import org.mxsuite.panel.PanelAccountName;
import org.mxsuite.panel.PanelAccounts;
import org.mxsuite.panel.PanelRole;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The operator's page of panel accounts: every account, a form that makes a domain owner (or another operator), and
 * deletion. The rules and messages are WebAdmin's ({@link PanelAccounts}); only operators get here (403 otherwise).
 */
final class AccountPages implements PanelRoutes {
    private final Visit visit;
    private final PanelAccounts accounts;

    AccountPages(Visit visit, PanelAccounts accounts) {
        this.visit = visit;
        this.accounts = accounts;
    }

    @Override
    public void define(Service service) {
        service.get("/accounts", this::list);
        service.post("/accounts", this::create);
        service.post("/accounts/:name/delete", this::delete);
    }

    private String list(Request request, Response response) {
        Optional<Visit.SignedIn> operator = visit.of(request);
        if (operator.isEmpty()) {
            response.redirect("/login", HttpStatus.SEE_OTHER_303);
            return "";
        }
        if (operator.get().account.role() != PanelRole.OPERATOR) {
            return Pages.refused(operator.get(), response);
        }
        return page(operator.get(), Optional.ofNullable(request.queryParams("done")).map(done -> Html.notice("ok", done)).orElse(""));
    }

    private String create(Request request, Response response) {
        Optional<Visit.SignedIn> operator = Pages.formOfOperator(visit, request, response);
        if (operator.isEmpty()) {
            return Pages.forbidden(response);
        }
        String rawName = Optional.ofNullable(request.queryParams("name")).orElse("");
        try {
            PanelAccountName name = PanelAccountName.of(rawName);
            PanelRole role = PanelRole.parse(Optional.ofNullable(request.queryParams("role")).orElse(""));
            Set<DomainName> owned = new LinkedHashSet<>();
            for (String domain : Arrays.stream(Optional.ofNullable(request.queryParams("domains")).orElse("").split("[\\s,]+"))
                .filter(part -> !part.isBlank()).collect(Collectors.toList())) {
                owned.add(DomainName.of(domain));
            }
            if (!accounts.put(name, Optional.of(role), Optional.of(Optional.ofNullable(request.queryParams("password")).orElse("")),
                Optional.of(owned))) {
                throw new InvalidSettingException("panel account " + name + " exists already");
            }
            response.redirect("/accounts?done=" + java.net.URLEncoder.encode("Account " + name + " made.", java.nio.charset.StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER_303);
            return "";
        } catch (InvalidSettingException e) {
            response.status(HttpStatus.BAD_REQUEST_400);
            return page(operator.get(), Html.notice("error", e.getMessage()));
        }
    }

    private String delete(Request request, Response response) {
        Optional<Visit.SignedIn> operator = Pages.formOfOperator(visit, request, response);
        if (operator.isEmpty()) {
            return Pages.forbidden(response);
        }
        try {
            PanelAccountName name = PanelAccountName.of(request.params("name"));
            if (name.equals(operator.get().account.name())) {
                response.status(HttpStatus.BAD_REQUEST_400);
                return page(operator.get(), Html.notice("error", "An operator cannot delete their own account here."));
            }
            if (accounts.store().delete(name)) {
                visit.sessions().closeAllOf(name);
            }
            response.redirect("/accounts?done=" + java.net.URLEncoder.encode("Account " + name + " deleted.", java.nio.charset.StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER_303);
            return "";
        } catch (InvalidSettingException e) {
            response.status(HttpStatus.BAD_REQUEST_400);
            return page(operator.get(), Html.notice("error", e.getMessage()));
        }
    }

    private String page(Visit.SignedIn operator, String notice) {
        StringBuilder rows = new StringBuilder();
        for (PanelAccount account : accounts.store().list()) {
            String name = account.name().asString();
            rows.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(account.role().wireName()).append("</td><td>")
                .append(Html.escape(account.domains().stream().map(DomainName::asString).collect(Collectors.joining(" "))))
                .append("</td><td><form method=\"post\" action=\"/accounts/").append(Html.escape(name)).append("/delete\">")
                .append(Html.csrfField(operator.session.csrf())).append("<button type=\"submit\">Delete</button></form></td></tr>");
        }
        return Pages.page(operator, "Panel accounts", notice
            + "<table id=\"accounts\"><thead><tr><th>Account</th><th>Role</th><th>Domains</th><th></th></tr></thead><tbody>" + rows
            + "</tbody></table><h2>New account</h2><form class=\"login\" method=\"post\" action=\"/accounts\">"
            + Html.csrfField(operator.session.csrf())
            + "<label for=\"new-name\">Account (a name or an e-mail address)</label><input type=\"text\" id=\"new-name\" name=\"name\" required>"
            + "<label for=\"new-password\">Password (8 characters or more)</label><input type=\"password\" id=\"new-password\" name=\"password\""
            + " autocomplete=\"new-password\" required>"
            + "<label for=\"new-role\">Role</label><select id=\"new-role\" name=\"role\"><option value=\"owner\">domain owner</option>"
            + "<option value=\"operator\">operator</option></select>"
            + "<label for=\"new-domains\">Domains it owns (owners; space separated)</label><input type=\"text\" id=\"new-domains\" name=\"domains\">"
            + "<button type=\"submit\" id=\"create-account\">Make the account</button></form>");
    }
}
