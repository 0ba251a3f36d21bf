package org.mxsuite.panel.web;

import java.util.Map;
import java.util.stream.Collectors;

import org.apache.james.core.MailAddress;
import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.domain.ForwardPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainJson;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * A forward domain's target, which its owner may change: the address every address of the domain goes to. The domain's
 * JSON with {@code forwardTo} replaced is read as WebAdmin reads a PUT ({@link HostedDomainJson}): the same rules, the
 * same messages. The per-address routes and the refused local parts are shown, changed by the operator.
 */
final class ForwardTargetForm implements PanelRoutes {
    private final Visit visit;
    private final HostedDomainStore domains;

    ForwardTargetForm(Visit visit, HostedDomainStore domains) {
        this.visit = visit;
        this.domains = domains;
    }

    @Override
    public void define(Service service) {
        service.post("/domains/:domain/forward", this::change);
    }

    private String change(Request request, Response response) {
        Pages.DomainRequest posted = Pages.posting(visit, domains, request, response, found -> found.forwardPolicy().isPresent());
        if (posted.refused()) {
            return posted.refusal;
        }
        ObjectNode json = HostedDomainJson.toJson(posted.domain);
        SettingsForm.replace(json, "forwardTo", request.queryParams("forwardTo"));
        try {
            domains.put(HostedDomainJson.parse(posted.domain.name(), json));
        } catch (InvalidSettingException e) {
            response.status(HttpStatus.BAD_REQUEST_400);
            return Pages.page(posted.signedIn, "Forwarding of " + posted.domain.name().asString(), Html.notice("error", e.getMessage())
                + render(posted.domain, posted.signedIn.session.csrf()) + "<p><a href=\"/domains/"
                + Html.escape(posted.domain.name().asString()) + "\">Back to the domain</a></p>");
        }
        response.redirect("/domains/" + posted.domain.name().asString() + "?settings=saved", HttpStatus.SEE_OTHER_303);
        return "";
    }

    /** Where the domain's mail goes, and the form to change its target. */
    static String render(HostedDomain domain, String csrf) {
        ForwardPolicy policy = domain.forwardPolicy().orElseThrow();
        String routes = policy.addresses().entrySet().stream().map(ForwardTargetForm::route).collect(Collectors.joining(", "));
        return "<h2>Forwarding</h2><table id=\"forwarding\"><tbody>"
            + "<tr><th>Every address to</th><td>" + Html.escape(policy.forwardTo().asString()) + "</td></tr>"
            + "<tr><th>Routed elsewhere</th><td>" + Html.escape(routes.isEmpty() ? "none" : routes) + "</td></tr>"
            + "<tr><th>Refused</th><td>" + Html.escape(policy.reject().isEmpty() ? "none" : String.join(", ", policy.reject())) + "</td></tr>"
            + "</tbody></table><form class=\"login\" method=\"post\" action=\"/domains/" + Html.escape(domain.name().asString())
            + "/forward\">" + Html.csrfField(csrf)
            + SettingsForm.field("forwardTo", "Forward every address to (an email address)", policy.forwardTo().asString())
            + "<button type=\"submit\" id=\"save-forward\">Save</button></form>";
    }

    private static String route(Map.Entry<String, MailAddress> entry) {
        return entry.getKey() + " to " + entry.getValue().asString();
    }
}
