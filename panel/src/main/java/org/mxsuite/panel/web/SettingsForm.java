package org.mxsuite.panel.web;

import java.time.Duration;
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
import org.mxsuite.panel.PanelRole;
import org.mxsuite.verify.VerifiedRecipientStore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;

/**
 * The settings a customer may change of a backup or relay domain: destination, retry interval, retention, pause,
 * TLS level, the recipients list. A posted form becomes the domain's JSON with these fields replaced and is read as
 * WebAdmin reads a PUT ({@link HostedDomainJson}): the same rules, the same messages. An owner's retention is further
 * bound by the operator ({@code panel.owner.maxRetention}).
 */
final class SettingsForm {
    private final HostedDomainStore domains;
    private final VerifiedRecipientStore verifiedRecipients;
    private final Duration ownerMaxRetention;

    SettingsForm(HostedDomainStore domains, VerifiedRecipientStore verifiedRecipients, Duration ownerMaxRetention) {
        this.domains = domains;
        this.verifiedRecipients = verifiedRecipients;
        this.ownerMaxRetention = ownerMaxRetention;
    }

    /**
     * Stores the settings of the form.
     *
     * @throws InvalidSettingException with WebAdmin's message (or the owner's bound); nothing is changed then
     */
    void apply(Visit.SignedIn signedIn, HostedDomain current, Request request) {
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
        if (signedIn.account.role() == PanelRole.OWNER) {
            checkOwnersRetention(current.holdPolicy().orElseThrow(), changed.holdPolicy().orElseThrow());
        }
        domains.put(changed);
        verifiedRecipients.forgetIfDestinationChanged(current, changed);
    }

    /**
     * An owner keeps mail at most the operator's bound ("never" is beyond it); a longer retention the operator set stays
     * while the owner leaves it as it is, so that saving the form's other fields still works.
     */
    private void checkOwnersRetention(HoldPolicy before, HoldPolicy after) {
        Optional<Duration> retention = after.retention();
        if (!retention.equals(before.retention()) && (retention.isEmpty() || retention.get().compareTo(ownerMaxRetention) > 0)) {
            throw new InvalidSettingException("retention '" + retention.map(Durations::format).orElse("never") + "' must be between "
                + Durations.format(HoldPolicy.MIN_RETENTION) + " and " + Durations.format(ownerMaxRetention)
                + ": the longest this server's operator lets a domain owner keep mail");
        }
    }

    /** An empty field: the setting's default (no destination: the MX hosts). */
    static void replace(ObjectNode json, String field, String value) {
        json.remove(field);
        if (value != null && !value.isBlank()) {
            json.put(field, value.trim());
        }
    }

    /** The form, filled with the domain's settings; the retention's range is the account's. */
    String render(HostedDomain domain, Visit.SignedIn signedIn) {
        String csrf = signedIn.session.csrf();
        String retentionRange = signedIn.account.role() == PanelRole.OWNER
            ? Durations.format(HoldPolicy.MIN_RETENTION) + " to " + Durations.format(ownerMaxRetention) + ", the longest allowed here"
            : Durations.format(HoldPolicy.MIN_RETENTION) + " to " + Durations.format(HoldPolicy.MAX_RETENTION) + ", or never";
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
            + field("retention", "Keep mail for (" + retentionRange + ")", policy.retention().map(Durations::format).orElse("never"))
            + "<label for=\"tls\">TLS to your server</label><select id=\"tls\" name=\"tls\">" + tls + "</select>"
            + "<label><input type=\"checkbox\" name=\"paused\" id=\"paused\"" + (policy.paused() ? " checked" : "")
            + "> Paused: hold everything, deliver nothing</label>"
            + "<label for=\"recipients\">Accepted recipients (local parts or addresses, one per line; empty: every address)</label>"
            + "<textarea id=\"recipients\" name=\"recipients\" rows=\"4\">"
            + Html.escape(policy.recipients().map(list -> list.stream().sorted().collect(Collectors.joining("\n"))).orElse(""))
            + "</textarea><button type=\"submit\" id=\"save-settings\">Save</button></form>";
    }

    static String field(String id, String label, String value) {
        return "<label for=\"" + id + "\">" + Html.escape(label) + "</label><input type=\"text\" id=\"" + id + "\" name=\"" + id
            + "\" value=\"" + Html.escape(value) + "\">";
    }
}
