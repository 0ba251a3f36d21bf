package org.mxsuite.panel.web;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.deliver.DeliveryEngine;
import org.mxsuite.deliver.HeldMessageBusyException;
import org.mxsuite.deliver.TestTransaction;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;
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
final class DomainPages implements PanelRoutes {
    private static final int HELD_SHOWN = 100;
    private static final Predicate<HostedDomain> ANY = domain -> true;
    /** Resend, probe and settings are for the domains whose mail is held here. */
    private static final Predicate<HostedDomain> HOLDING = domain -> domain.holdPolicy().isPresent();

    private final Visit visit;
    private final HostedDomainStore domains;
    private final HoldQueue queue;
    private final DeliveryEngine engine;
    private final SettingsForm settingsForm;
    private final ActivityCharts charts;

    DomainPages(Visit visit, HostedDomainStore domains, HoldQueue queue, DeliveryEngine engine, SettingsForm settingsForm,
                ActivityCharts charts) {
        this.visit = visit;
        this.domains = domains;
        this.queue = queue;
        this.engine = engine;
        this.settingsForm = settingsForm;
        this.charts = charts;
    }

    @Override
    public void define(Service service) {
        service.get("/", this::list);
        service.get("/domains/:domain", this::domain);
        service.post("/domains/:domain/resend", this::resend);
        service.post("/domains/:domain/settings", this::changeSettings);
        service.post("/domains/:domain/probe", this::probe);
        service.post("/domains/:domain/held/:id/drop", this::drop);
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
        Pages.DomainRequest asked = Pages.viewing(visit, domains, request, response, ANY);
        if (asked.refused()) {
            return asked.refusal;
        }
        String notice = "sent".equals(request.queryParams("resend")) ? Html.notice("ok", "Held mail is being resent now.")
            : "saved".equals(request.queryParams("settings")) ? Html.notice("ok", "Settings saved.") : "";
        return domainPage(asked.signedIn, asked.domain, notice);
    }

    private String domainPage(Visit.SignedIn signedIn, HostedDomain domain, String notice) {
        return page(signedIn, domain.name().asString(), notice + settings(domain) + held(signedIn, domain) + charts.of(domain)
            + (domain.holdPolicy().isPresent() ? settingsForm.render(domain, signedIn) : "")
            + (domain.forwardPolicy().isPresent() ? ForwardTargetForm.render(domain, signedIn.session.csrf()) : "")
            + "<p><a id=\"trace-link\" href=\"/domains/" + Html.escape(domain.name().asString()) + "/trace\">Delivery trace</a></p>"
            + (domain.service() == ServiceKind.MAILBOX ? "<p><a id=\"users-link\" href=\"/domains/" + Html.escape(domain.name().asString())
                + "/users\">Users of this domain</a></p>" : "")
            + "<p><a id=\"dns-link\" href=\"/domains/" + Html.escape(domain.name().asString()) + "/dns\">DNS records to publish</a></p>");
    }

    private String changeSettings(Request request, Response response) {
        Pages.DomainRequest posted = Pages.posting(visit, domains, request, response, HOLDING);
        if (posted.refused()) {
            return posted.refusal;
        }
        try {
            settingsForm.apply(posted.signedIn, posted.domain, request);
        } catch (InvalidSettingException e) {
            response.status(HttpStatus.BAD_REQUEST_400);
            return domainPage(posted.signedIn, posted.domain, Html.notice("error", e.getMessage()));
        }
        engine.wake(posted.domain.name());
        response.redirect("/domains/" + posted.domain.name().asString() + "?settings=saved", HttpStatus.SEE_OTHER_303);
        return "";
    }

    private String resend(Request request, Response response) {
        Pages.DomainRequest posted = Pages.posting(visit, domains, request, response, HOLDING);
        if (posted.refused()) {
            return posted.refusal;
        }
        engine.flush(posted.domain.name());
        response.redirect("/domains/" + posted.domain.name().asString() + "?resend=sent", HttpStatus.SEE_OTHER_303);
        return "";
    }

    /** "Test my server before I switch MX": the probe, each step with the server's reply; nothing is sent. */
    private String probe(Request request, Response response) {
        Pages.DomainRequest posted = Pages.posting(visit, domains, request, response, HOLDING);
        if (posted.refused()) {
            return posted.refusal;
        }
        TestTransaction report = engine.testTransaction(posted.domain);
        StringBuilder rows = new StringBuilder();
        for (TestTransaction.Step step : report.steps()) {
            rows.append("<tr class=\"").append(step.ok() ? "ok" : "error").append("\"><td>").append(Html.escape(step.command()))
                .append("</td><td>").append(Html.escape(step.reply().orElse(""))).append("</td><td>").append(step.latency().toMillis())
                .append(" ms</td></tr>");
        }
        String outcome = report.succeeded() ? Html.notice("ok", "Your server at " + report.destination() + " would take this domain's mail.")
            : Html.notice("error", "Your server at " + report.destination() + " would not take this domain's mail now: see the step that failed.");
        return page(posted.signedIn, "Test of " + posted.domain.name().asString(), outcome
            + "<table id=\"probe\"><thead><tr><th>Step</th><th>Reply</th><th>Time</th></tr></thead><tbody>" + rows + "</tbody></table>"
            + "<p><a href=\"/domains/" + Html.escape(posted.domain.name().asString()) + "\">Back to the domain</a></p>");
    }

    private String drop(Request request, Response response) throws Exception {
        Pages.DomainRequest posted = Pages.posting(visit, domains, request, response, ANY);
        if (posted.refused()) {
            return posted.refusal;
        }
        Optional<HeldMessage> held;
        try {
            HeldMessageId id = HeldMessageId.of(request.params("id"));
            // a message of another domain is not found here, whoever holds it
            held = queue.get(id).filter(message -> message.domain().equals(posted.domain.name()));
        } catch (IllegalArgumentException e) {
            held = Optional.empty();
        }
        String notice;
        try {
            notice = held.isPresent() && engine.remove(held.get().id(), request.queryParams("notifySender") != null).isPresent()
                ? Html.notice("ok", "Message dropped.") : Html.notice("error", "This message is not held any more.");
        } catch (HeldMessageBusyException e) {
            notice = Html.notice("error", "This message is being delivered now: try again in a moment.");
        }
        return domainPage(posted.signedIn, posted.domain, notice);
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
                    .findFirst().orElse(""))).append("</td><td><form method=\"post\" action=\"/domains/")
                .append(Html.escape(domain.name().asString())).append("/held/").append(Html.escape(message.id().asString()))
                .append("/drop\">").append(Html.csrfField(signedIn.session.csrf()))
                .append("<label><input type=\"checkbox\" name=\"notifySender\"> tell the sender</label>")
                .append("<button type=\"submit\" class=\"drop\">Drop</button></form></td></tr>");
        }
        String status = engine.lastFailure(domain.name()).map(failure -> Html.notice("error", "Destination: " + failure)).orElse("");
        String table = messages.isEmpty() ? "<p id=\"queue-empty\">No mail held.</p>"
            : "<table id=\"held\"><thead><tr><th>Received</th><th>Sender</th><th>Recipients</th><th>Attempts</th><th>Last reply</th>"
                + "<th></th></tr></thead><tbody>" + rows + "</tbody></table>";
        return "<h2>Held mail (" + queue.usage(domain.name()).messages() + ")</h2>" + status + table
            + "<form method=\"post\" action=\"/domains/" + Html.escape(domain.name().asString()) + "/resend\">"
            + Html.csrfField(signedIn.session.csrf()) + "<button type=\"submit\" id=\"resend\">Resend now</button></form>"
            + "<form method=\"post\" action=\"/domains/" + Html.escape(domain.name().asString()) + "/probe\">"
            + Html.csrfField(signedIn.session.csrf()) + "<button type=\"submit\" id=\"probe\">Test my server</button></form>";
    }

    private static String row(String name, String value) {
        return "<tr><th>" + Html.escape(name) + "</th><td>" + Html.escape(value) + "</td></tr>";
    }

    private static String page(Visit.SignedIn signedIn, String title, String body) {
        return Pages.page(signedIn, title, body);
    }
}
