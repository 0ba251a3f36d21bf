package org.mxsuite.panel.web;

import java.util.Optional;
import java.util.stream.Collectors;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.panel.PanelAccount;
import org.mxsuite.panel.PanelAccountName;
import org.mxsuite.panel.PanelAccounts;
import org.mxsuite.panel.PanelRole;

import spark.Request;
import spark.Service;

/**
 * The operator's page of panel accounts: every account, a form that makes a domain owner (or another operator), and
 * deletion. The rules and messages are WebAdmin's ({@link PanelAccounts}); only operators get here (403 otherwise).
 */
final class AccountPages extends OperatorPage {
    private static final String PATH = "/accounts";

    private final PanelAccounts accounts;

    AccountPages(Visit visit, PanelAccounts accounts) {
        super(visit, PATH, "Panel accounts");
        this.accounts = accounts;
    }

    @Override
    public void define(Service service) {
        service.get(PATH, this::show);
        service.post(PATH, (request, response) -> act(request, response, this::create));
        service.post(PATH + "/:name/delete", (request, response) -> act(request, response, this::delete));
    }

    private String create(Visit.SignedIn operator, Request request) {
        PanelAccountName name = PanelAccountName.of(Optional.ofNullable(request.queryParams("name")).orElse(""));
        PanelRole role = PanelRole.parse(Optional.ofNullable(request.queryParams("role")).orElse(""));
        if (!accounts.put(name, Optional.of(role), Optional.of(Optional.ofNullable(request.queryParams("password")).orElse("")),
            Optional.of(Pages.domainNames(request.queryParams("domains"))))) {
            throw new InvalidSettingException("panel account " + name + " exists already");
        }
        return "Account " + name + " made.";
    }

    private String delete(Visit.SignedIn operator, Request request) {
        PanelAccountName name = PanelAccountName.of(request.params("name"));
        if (name.equals(operator.account.name())) {
            throw new InvalidSettingException("An operator cannot delete their own account here.");
        }
        if (accounts.store().delete(name)) {
            visit.sessions().closeAllOf(name);
        }
        return "Account " + name + " deleted.";
    }

    @Override
    String content(Visit.SignedIn operator) {
        StringBuilder rows = new StringBuilder();
        for (PanelAccount account : accounts.store().list()) {
            String name = account.name().asString();
            rows.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(account.role().wireName()).append("</td><td>")
                .append(Html.escape(account.domains().stream().map(DomainName::asString).collect(Collectors.joining(" "))))
                .append("</td><td><form method=\"post\" action=\"/accounts/").append(Html.escape(name)).append("/delete\">")
                .append(Html.csrfField(operator.session.csrf())).append("<button type=\"submit\">Delete</button></form></td></tr>");
        }
        return "<table id=\"accounts\"><thead><tr><th>Account</th><th>Role</th><th>Domains</th><th></th></tr></thead><tbody>" + rows
            + "</tbody></table><h2>New account</h2><form class=\"login\" method=\"post\" action=\"/accounts\">"
            + Html.csrfField(operator.session.csrf())
            + "<label for=\"new-name\">Account (a name or an e-mail address)</label><input type=\"text\" id=\"new-name\" name=\"name\" required>"
            + "<label for=\"new-password\">Password (8 characters or more)</label><input type=\"password\" id=\"new-password\" name=\"password\""
            + " autocomplete=\"new-password\" required>"
            + "<label for=\"new-role\">Role</label><select id=\"new-role\" name=\"role\"><option value=\"owner\">domain owner</option>"
            + "<option value=\"operator\">operator</option></select>"
            + "<label for=\"new-domains\">Domains it owns (owners; space separated)</label><input type=\"text\" id=\"new-domains\" name=\"domains\">"
            + "<button type=\"submit\" id=\"create-account\">Make the account</button></form>";
    }
}
