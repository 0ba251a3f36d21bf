package org.mxsuite.panel.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.panel.PanelRole;
import org.mxsuite.trace.TraceCriteria;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceOutcome;
import org.mxsuite.trace.TraceQuery;
import org.mxsuite.trace.TraceStore;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The delivery trace searched, read as WebAdmin's {@code GET /trace} reads its parameters ({@link TraceCriteria}: the
 * same rules, the same messages): one domain's events for whoever may act on it ({@code /domains/{d}/trace}, the
 * domain set here whatever the form says), every domain's for operators ({@code /trace}).
 */
final class TracePage implements PanelRoutes {
    private static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** The form's criteria; the domain is one too on the operators' page. */
    private static final List<String> FIELDS = List.of("sender", "recipient", "messageId", "since", "until", "outcome", "offset");

    private final Visit visit;
    private final HostedDomainStore domains;
    private final TraceStore store;
    private final Clock clock;

    TracePage(Visit visit, HostedDomainStore domains, TraceStore store, Clock clock) {
        this.visit = visit;
        this.domains = domains;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void define(Service service) {
        service.get("/trace", this::everyDomain);
        service.get("/domains/:domain/trace", this::ofDomain);
    }

    private String everyDomain(Request request, Response response) {
        Optional<Visit.SignedIn> signedIn = visit.of(request);
        if (signedIn.isEmpty()) {
            response.redirect("/login", HttpStatus.SEE_OTHER_303);
            return "";
        }
        if (signedIn.get().account.role() != PanelRole.OPERATOR) {
            return Pages.refused(signedIn.get(), response);
        }
        Map<String, String> criteria = formCriteria(request);
        Optional.ofNullable(request.queryParams("domain")).filter(value -> !value.isBlank())
            .ifPresent(domain -> criteria.put("domain", domain.trim()));
        return search(signedIn.get(), response, "Delivery trace", "/trace", criteria, Optional.empty());
    }

    private String ofDomain(Request request, Response response) {
        Pages.DomainRequest asked = Pages.viewing(visit, domains, request, response, domain -> true);
        if (asked.refused()) {
            return asked.refusal;
        }
        String name = asked.domain.name().asString();
        return search(asked.signedIn, response, "Delivery trace of " + name, "/domains/" + name + "/trace", formCriteria(request),
            Optional.of(name));
    }

    /** The form's filled fields: an empty field is no criterion ({@code <>} asks for the null sender). */
    private static Map<String, String> formCriteria(Request request) {
        Map<String, String> criteria = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String value = request.queryParams(field);
            if (value != null && !value.isBlank()) {
                criteria.put(field, value.trim());
            }
        }
        return criteria;
    }

    private String search(Visit.SignedIn signedIn, Response response, String title, String path, Map<String, String> criteria,
                          Optional<String> domain) {
        Map<String, String> query = new LinkedHashMap<>(criteria);
        // the URL's domain, never the form's: an owner sees only its own domain's events
        domain.ifPresent(name -> query.put("domain", name));
        query.put("limit", String.valueOf(PAGE_SIZE));
        String form = form(path, criteria, domain.isEmpty());
        TraceQuery parsed;
        try {
            parsed = TraceCriteria.parse(query, clock);
        } catch (InvalidSettingException e) {
            response.status(HttpStatus.BAD_REQUEST_400);
            return Pages.page(signedIn, title, Html.notice("error", e.getMessage()) + form);
        }
        List<TraceEvent> found = store.search(parsed.oneMore());
        StringBuilder rows = new StringBuilder();
        found.stream().limit(PAGE_SIZE).forEach(event -> rows.append(row(event, domain.isEmpty())));
        String table = found.isEmpty() ? "<p id=\"trace-empty\">No event found.</p>"
            : "<table id=\"trace\"><thead><tr><th>Time (UTC)</th><th>Outcome</th>" + (domain.isEmpty() ? "<th>Domain</th>" : "")
                + "<th>Sender</th><th>Recipient</th><th>Message-ID</th><th>Client or destination</th><th>TLS</th><th>Reply</th></tr>"
                + "</thead><tbody>" + rows + "</tbody></table>";
        StringBuilder pages = new StringBuilder();
        if (parsed.offset() > 0) {
            pages.append(link(path, criteria, Math.max(0, parsed.offset() - PAGE_SIZE), "newer", "Newer events")).append(' ');
        }
        if (found.size() > PAGE_SIZE) {
            pages.append(link(path, criteria, parsed.offset() + PAGE_SIZE, "older", "Older events"));
        }
        String back = domain.map(name -> "<p><a href=\"/domains/" + Html.escape(name) + "\">Back to the domain</a></p>").orElse("");
        return Pages.page(signedIn, title, form + table + (pages.length() == 0 ? "" : "<p>" + pages + "</p>") + back);
    }

    private static String form(String path, Map<String, String> criteria, boolean everyDomain) {
        StringBuilder outcomes = new StringBuilder("<option value=\"\">any</option>");
        for (TraceOutcome outcome : TraceOutcome.values()) {
            outcomes.append("<option value=\"").append(outcome.asString()).append('"')
                .append(outcome.asString().equalsIgnoreCase(criteria.getOrDefault("outcome", "")) ? " selected" : "")
                .append('>').append(outcome.asString()).append("</option>");
        }
        return "<form class=\"search\" method=\"get\" action=\"" + Html.escape(path) + "\">"
            + (everyDomain ? field("domain", "Domain", criteria) : "")
            + field("sender", "Sender (<> for the null sender)", criteria)
            + field("recipient", "Recipient", criteria)
            + field("messageId", "Message-ID", criteria)
            + field("since", "From (2026-12-05T10:00:00Z, or 2h, 7d back)", criteria)
            + field("until", "Until (the same forms)", criteria)
            + "<div><label for=\"outcome\">Outcome</label><select id=\"outcome\" name=\"outcome\">" + outcomes + "</select></div>"
            + "<div><button type=\"submit\" id=\"search\">Search</button></div></form>";
    }

    private static String field(String id, String label, Map<String, String> criteria) {
        return "<div>" + SettingsForm.field(id, label, criteria.getOrDefault(id, "")) + "</div>";
    }

    private static String row(TraceEvent event, boolean withDomain) {
        String where = event.client().orElseGet(() -> event.host()
            .map(host -> host + event.address().filter(address -> !address.equals(host)).map(address -> " (" + address + ")").orElse(""))
            .orElse(""));
        return "<tr class=\"" + event.outcome().asString() + "\"><td>" + Html.escape(TIME.format(event.at()))
            + "</td><td>" + event.outcome().asString() + "</td>" + (withDomain ? "<td>" + Html.escape(event.domain()) + "</td>" : "")
            + "<td>" + Html.escape(event.sender().isEmpty() ? "<>" : event.sender()) + "</td><td>" + Html.escape(event.recipient().orElse(""))
            + "</td><td class=\"long\">" + Html.escape(event.messageId().orElse("")) + "</td><td>" + Html.escape(where) + "</td><td>"
            + event.tls().map(tls -> tls ? "yes" : "no").orElse("") + "</td><td class=\"long\">" + Html.escape(event.reply()) + "</td></tr>";
    }

    /** A link to another page of the same search. */
    private static String link(String path, Map<String, String> criteria, int offset, String id, String text) {
        Map<String, String> parameters = new LinkedHashMap<>(criteria);
        parameters.put("offset", String.valueOf(offset));
        String query = parameters.entrySet().stream()
            .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return "<a id=\"" + id + "\" href=\"" + Html.escape(path + "?" + query) + "\">" + text + "</a>";
    }
}
