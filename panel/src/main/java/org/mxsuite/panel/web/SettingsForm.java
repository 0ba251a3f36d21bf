package org.mxsuite.panel.web;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.mxsuite.domain.Durations;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainJson;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.domain.TlsPolicy;
import org.mxsuite.verify.VerifiedRecipientStore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;

/**
 * The settings a customer may change of a backup or relay domain: destination, retry interval, retention, pause,
 * TLS level, the recipients list. A posted form becomes the domain's JSON with these fields replaced and is read as
 * WebAdmin reads a PUT ({@link HostedDomainJson}): the same rules, the same messages.
 */
final class SettingsForm {
    private final HostedDomainStore domains;
    private final VerifiedRecipientStore verifiedRecipients;

    SettingsForm(HostedDomainStore domains, VerifiedRecipientStore verifiedRecipients) {
        this.domains = domains;
        this.verifiedRecipients = verifiedRecipients;
    }

    /**
     * Stores the settings of the form.
     *
     * @throws InvalidSettingException with WebAdmin's message; nothing is changed then
     */
    void apply(HostedDomain current, Request request) {
        ObjectNode json = HostedDomainJson.toJson(current);
        replace(json, "destination", request.queryParams("destination"));
        replace(json, "retryInterval", request.queryParams("retryInterval"));
        replace(json, "retention", request.queryParams("retention"));
        replace(json, "tls", request.queryParams("tls"));
        json.put("paused", request.queryParams("paused") != null);
        String recipients = Optional.ofNullable(request.queryParams("recipients")).orElse("").trim();
        json.remove("recipients");
        if (!recipients.isEmpty()) {
            ArrayNode list = json.putArray("recipients");
            Arrays.stream(recipients.split("[\\s,]+")).filter(part -> !part.isBlank()).forEach(list::add);
        }
        HostedDomain changed = HostedDomainJson.parse(current.name(), json);
        domains.put(changed);
        verifiedRecipients.forgetIfDestinationChanged(current, changed);
    }

    /** An empty field: the setting's default (no destination: the MX hosts). */
    private static void replace(ObjectNode json, String field, String value) {
        json.remove(field);
        if (value != null && !value.isBlank()) {
            json.put(field, value.trim());
        }
    }

    /** The form, filled with the domain's settings. */
    static String render(HostedDomain domain, String csrf) {
        HoldPolicy policy = domain.holdPolicy().orElseThrow();
        String name = domain.name().asString();
        StringBuilder tls = new StringBuilder();
        for (TlsPolicy level : TlsPolicy.values()) {
            tls.append("<option value=\"").append(level.wireName()).append('"').append(level == policy.tls() ? " selected" : "")
                .append('>').append(level.wireName()).append("</option>");
        }
        return "<h2>Change the settings</h2><form class=\"login\" method=\"post\" action=\"/domains/" + Html.escape(name) + "/settings\">"
            + Html.csrfField(csrf)
            + field("destination", "Your server (host:port; empty: the domain's MX hosts)",
                policy.destination().map(Object::toString).orElse(""))
            + field("retryInterval", "Retry interval (1m to 1d)", Durations.format(policy.retryInterval()))
            + field("retention", "Keep mail for (1h to 365d, or never)", policy.retention().map(Durations::format).orElse("never"))
            + "<label for=\"tls\">TLS to your server</label><select id=\"tls\" name=\"tls\">" + tls + "</select>"
            + "<label><input type=\"checkbox\" name=\"paused\" id=\"paused\"" + (policy.paused() ? " checked" : "")
            + "> Paused: hold everything, deliver nothing</label>"
            + "<label for=\"recipients\">Accepted recipients (local parts or addresses, one per line; empty: every address)</label>"
            + "<textarea id=\"recipients\" name=\"recipients\" rows=\"4\">"
            + Html.escape(policy.recipients().map(list -> list.stream().sorted().collect(Collectors.joining("\n"))).orElse(""))
            + "</textarea><button type=\"submit\" id=\"save-settings\">Save</button></form>";
    }

    private static String field(String id, String label, String value) {
        return "<label for=\"" + id + "\">" + Html.escape(label) + "</label><input type=\"text\" id=\"" + id + "\" name=\"" + id
            + "\" value=\"" + Html.escape(value) + "\">";
    }
}
