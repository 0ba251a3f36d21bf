package org.mxsuite.panel.web;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.relay.RelayAccount;
import org.mxsuite.relay.RelayAccountName;
import org.mxsuite.relay.RelayAccounts;
import org.mxsuite.relay.RelayQuota;

import spark.Request;
import spark.Service;

/**
 * The operator's relay (smarthost) accounts: each with its domains, daily limit and today's use, a new one, a new
 * password, removal. The rules and messages are WebAdmin's {@code /relay-accounts} ({@link RelayAccounts}); the limits
 * other than the default daily one are set over WebAdmin.
 */
final class RelayAccountPages extends OperatorPage {
    private static final String PATH = "/relay-accounts";

    private final RelayAccounts accounts;
    private final RelayQuota quota;

    RelayAccountPages(Visit visit, RelayAccounts accounts, RelayQuota quota) {
        super(visit, PATH, "Relay accounts");
        this.accounts = accounts;
        this.quota = quota;
    }

    @Override
    public void define(Service service) {
        service.get(PATH, this::show);
        service.post(PATH, (request, response) -> act(request, response, this::add));
        service.post(PATH + "/:name/password", (request, response) -> act(request, response, this::password));
        service.post(PATH + "/:name/delete", (request, response) -> act(request, response, this::remove));
    }

    private String add(Visit.SignedIn operator, Request request) {
        RelayAccountName name = RelayAccountName.of(field(request, "name"));
        if (accounts.store().get(name).isPresent()) {
            throw new InvalidSettingException("relay account " + name + " exists already");
        }
        accounts.put(name, Optional.ofNullable(request.queryParams("password")), Optional.of(Pages.domainNames(request.queryParams("domains"))),
            OptionalInt.empty(), Optional.empty(), Optional.empty());
        return "Relay account " + name + " made.";
    }

    private String password(Visit.SignedIn operator, Request request) {
        RelayAccountName name = RelayAccountName.of(request.params("name"));
        accounts.setPassword(name, Optional.ofNullable(request.queryParams("password")).orElse(""));
        return "New password of relay account " + name + " set.";
    }

    private String remove(Visit.SignedIn operator, Request request) {
        RelayAccountName name = RelayAccountName.of(request.params("name"));
        if (!accounts.store().delete(name)) {
            throw new InvalidSettingException(RelayAccounts.noSuchAccount(name));
        }
        return "Relay account " + name + " removed.";
    }

    @Override
    String content(Visit.SignedIn operator) {
        String csrf = Html.csrfField(operator.session.csrf());
        StringBuilder rows = new StringBuilder();
        for (RelayAccount account : accounts.store().list()) {
            String base = PATH + "/" + Html.escape(account.name().asString());
            rows.append("<tr>").append(cell(account.name().asString()))
                .append(cell(account.domains().stream().map(DomainName::asString).collect(Collectors.joining(" "))))
                .append(cell(account.dailyLimit()))
                .append(cell(account.domains().stream().map(domain -> domain.asString() + ": " + quota.usedToday(domain))
                    .collect(Collectors.joining(", "))))
                .append("<td><form method=\"post\" action=\"").append(base).append("/password\">").append(csrf)
                .append("<input type=\"password\" name=\"password\" aria-label=\"new password of ").append(Html.escape(account.name().asString()))
                .append("\" autocomplete=\"new-password\" required><button type=\"submit\">Set password</button></form></td>")
                .append("<td><form method=\"post\" action=\"").append(base).append("/delete\">").append(csrf)
                .append("<button type=\"submit\">Remove</button></form></td></tr>");
        }
        return "<table id=\"relay-accounts\"><thead><tr><th>Account</th><th>Domains</th><th>Daily limit</th><th>Relayed today</th>"
            + "<th>Password</th><th></th></tr></thead><tbody>" + rows + "</tbody></table>"
            + "<h2>New relay account</h2><form class=\"login\" method=\"post\" action=\"" + PATH + "\">" + csrf
            + "<label for=\"relay-name\">Account (the login name)</label><input type=\"text\" id=\"relay-name\" name=\"name\" required>"
            + "<label for=\"relay-password\">Password (8 characters or more)</label><input type=\"password\" id=\"relay-password\""
            + " name=\"password\" autocomplete=\"new-password\" required>"
            + "<label for=\"relay-domains\">Sender domains it relays for (space separated)</label>"
            + "<input type=\"text\" id=\"relay-domains\" name=\"domains\" required>"
            + "<button type=\"submit\" id=\"add-relay-account\">Make the account</button></form>"
            + "<p>A new account may relay " + RelayAccount.DEFAULT_DAILY_LIMIT + " messages a day per domain; other limits are set"
            + " over WebAdmin (<code>PUT /relay-accounts/{name}</code>).</p>";
    }
}
