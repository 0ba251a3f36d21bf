package org.mxsuite.panel.web;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.deliver.DeliveryEngine;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldRecipient;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.QueueUsage;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The domains an account may act on (an operator: every hosted domain; an owner: its own), and each domain's page:
 * its settings, the mail it holds, "resend now". Every request is authorised here, on the server: an owner asking
 * for another domain, by URL or by a crafted form, gets 403 and nothing changes.
 */
final class DomainPages {
    private static final int HELD_SHOWN = 100;

    private final Visit visit;
    private final HostedDomainStore domains;
    private final HoldQueue queue;
    private final DeliveryEngine engine;
    private final SettingsForm settingsForm;

    DomainPages(Visit visit, HostedDomainStore domains, HoldQueue queue, DeliveryEngine engine, SettingsForm settingsForm) {
        this.visit = visit;
        this.domains = domains;
        this.queue = queue;
        this.engine = engine;
        this.settingsForm = settingsForm;
    }

    void define(Service service) {
        service.get("/", this::list);
        service.get("/domains/:domain", this::domain);
        service.post("/domains/:domain/resend", this::resend);
        service.post("/domains/:domain/settings", this::changeSettings);
    }

    private String list(Request request, Response response) {
        Optional<Visit.SignedIn> signedIn = visit.of(request);
        if (signedIn.isEmpty()) {
            response.redirect("/login", HttpStatus.SEE_OTHER_303);
            return "";
        }
        List<HostedDomain> shown = domains.list().stream().filter(domain -> signedIn.get().account.mayAct(domain.name()))
            .collect(Collectors.toList());
        StringBuilder rows = new StringBuilder();
        for (HostedDomain domain : shown) {
            QueueUsage held = queue.usage(domain.name());
            rows.append("<tr><td><a href=\"/domains/").append(Html.escape(domain.name().asString())).append("\">")
                .append(Html.escape(domain.name().asString())).append("</a></td><td>").append(Html.escape(domain.service().wireName()))
                .append("</td><td class=\"held\">").append(held.messages()).append("</td></tr>");
        }
        String body = shown.isEmpty() ? "<p>No domain yet.</p>"
            : "<table id=\"domains\"><thead><tr><th>Domain</th><th>Service</th><th>Held messages</th></tr></thead><tbody>"
                + rows + "</tbody></table>";
        return page(signedIn.get(), "Domains", body);
    }

    private String domain(Request request, Response response) {
        Optional<Visit.SignedIn> signedIn = visit.of(request);
        if (signedIn.isEmpty()) {
            response.redirect("/login", HttpStatus.SEE_OTHER_303);
            return "";
        }
        Optional<HostedDomain> domain = allowed(signedIn.get(), request, response);
        if (domain.isEmpty()) {
            return Pages.refused(signedIn.get(), response);
        }
        String notice = "sent".equals(request.queryParams("resend")) ? Html.notice("ok", "Held mail is being resent now.")
            : "saved".equals(request.queryParams("settings")) ? Html.notice("ok", "Settings saved.") : "";
        return domainPage(signedIn.get(), domain.get(), notice);
    }

    private String domainPage(Visit.SignedIn signedIn, HostedDomain domain, String notice) {
        return page(signedIn, domain.name().asString(), notice + settings(domain) + held(signedIn, domain)
            + (domain.holdPolicy().isPresent() ? SettingsForm.render(domain, signedIn.session.csrf()) : ""));
    }

    private String changeSettings(Request request, Response response) {
        Optional<Visit.SignedIn> signedIn = Pages.form(visit, request);
        if (signedIn.isEmpty()) {
            return Pages.forbidden(response);
        }
        Optional<HostedDomain> domain = allowed(signedIn.get(), request, response);
        if (domain.isEmpty() || domain.get().holdPolicy().isEmpty()) {
            return Pages.refused(signedIn.get(), response);
        }
        try {
            settingsForm.apply(domain.get(), request);
        } catch (InvalidSettingException e) {
            response.status(HttpStatus.BAD_REQUEST_400);
            return domainPage(signedIn.get(), domain.get(), Html.notice("error", e.getMessage()));
        }
        engine.wake(domain.get().name());
        response.redirect("/domains/" + domain.get().name().asString() + "?settings=saved", HttpStatus.SEE_OTHER_303);
        return "";
    }

    private String resend(Request request, Response response) {
        Optional<Visit.SignedIn> signedIn = Pages.form(visit, request);
        if (signedIn.isEmpty()) {
            return Pages.forbidden(response);
        }
        Optional<HostedDomain> domain = allowed(signedIn.get(), request, response);
        if (domain.isEmpty() || domain.get().holdPolicy().isEmpty()) {
            return Pages.refused(signedIn.get(), response);
        }
        engine.flush(domain.get().name());
        response.redirect("/domains/" + domain.get().name().asString() + "?resend=sent", HttpStatus.SEE_OTHER_303);
        return "";
    }

    /** The domain of the URL if the account may act on it; an unknown domain is refused as another's is, so that an owner learns nothing. */
    private Optional<HostedDomain> allowed(Visit.SignedIn signedIn, Request request, Response response) {
        try {
            DomainName name = DomainName.of(request.params("domain"));
            return signedIn.account.mayAct(name) ? domains.get(name) : Optional.empty();
        } catch (InvalidSettingException e) {
            return Optional.empty();
        }
    }

    private static String settings(HostedDomain domain) {
        StringBuilder rows = new StringBuilder(row("Service", domain.service().wireName()));
        if (domain.holdPolicy().isPresent()) {
            HoldPolicy policy = domain.holdPolicy().get();
            rows.append(row("Destination", policy.destination().map(Object::toString).orElse("its MX hosts")))
                .append(row("Retry interval", Durations.format(policy.retryInterval())))
                .append(row("Retention", policy.retention().map(Durations::format).orElse("never expires")))
                .append(row("Paused", policy.paused() ? "yes" : "no"))
                .append(row("TLS", policy.tls().wireName()));
        }
        return "<h2>Settings</h2><table id=\"settings\"><tbody>" + rows + "</tbody></table>";
    }

    private String held(Visit.SignedIn signedIn, HostedDomain domain) {
        if (domain.holdPolicy().isEmpty()) {
            return "";
        }
        List<HeldMessage> messages = queue.list(domain.name(), 0, HELD_SHOWN);
        StringBuilder rows = new StringBuilder();
        for (HeldMessage message : messages) {
            rows.append("<tr><td>").append(Html.escape(message.receivedAt())).append("</td><td>")
                .append(Html.escape(message.sender().asString("<>"))).append("</td><td>")
                .append(Html.escape(message.recipients().stream().map(recipient -> recipient.address().asString())
                    .collect(Collectors.joining(", ")))).append("</td><td>").append(message.attempts()).append("</td><td>")
                .append(Html.escape(message.recipients().stream().map(HeldRecipient::lastReply).flatMap(Optional::stream)
                    .findFirst().orElse(""))).append("</td></tr>");
        }
        String status = engine.lastFailure(domain.name()).map(failure -> Html.notice("error", "Destination: " + failure)).orElse("");
        String table = messages.isEmpty() ? "<p id=\"queue-empty\">No mail held.</p>"
            : "<table id=\"held\"><thead><tr><th>Received</th><th>Sender</th><th>Recipients</th><th>Attempts</th><th>Last reply</th>"
                + "</tr></thead><tbody>" + rows + "</tbody></table>";
        return "<h2>Held mail (" + queue.usage(domain.name()).messages() + ")</h2>" + status + table
            + "<form method=\"post\" action=\"/domains/" + Html.escape(domain.name().asString()) + "/resend\">"
            + Html.csrfField(signedIn.session.csrf()) + "<button type=\"submit\" id=\"resend\">Resend now</button></form>";
    }

    private static String row(String name, String value) {
        return "<tr><th>" + Html.escape(name) + "</th><td>" + Html.escape(value) + "</td></tr>";
    }

    private static String page(Visit.SignedIn signedIn, String title, String body) {
        return Pages.page(signedIn, title, body);
    }
}
