package org.mxsuite.panel.web;

import java.util.ArrayList;
import java.util.List;

import org.mxsuite.deliver.LocalIdentity;
import org.mxsuite.dkim.DkimKey;
import org.mxsuite.dkim.DkimKeys;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.relay.RelaySettings;
import org.mxsuite.relay.SpfRecord;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The DNS records a domain's owner publishes for its service: the MX record naming this server (a backup's at a
 * higher preference value than the customer's own server), the SPF mechanisms of this relay when the domain's mail
 * is sent through it, and the DKIM keys' records once they exist.
 */
final class DnsRecordsPage implements PanelRoutes {
    /** A backup MX is tried after the customer's own server, which has the lower value (10 by custom). */
    private static final int BACKUP_PREFERENCE = 20;
    private static final int PRIMARY_PREFERENCE = 10;

    private final Visit visit;
    private final HostedDomainStore domains;
    private final LocalIdentity self;
    private final RelaySettings relay;
    private final DkimKeys dkim;

    DnsRecordsPage(Visit visit, HostedDomainStore domains, LocalIdentity self, RelaySettings relay, DkimKeys dkim) {
        this.visit = visit;
        this.domains = domains;
        this.self = self;
        this.relay = relay;
        this.dkim = dkim;
    }

    @Override
    public void define(Service service) {
        service.get("/domains/:domain/dns", this::page);
    }

    private String page(Request request, Response response) {
        Pages.DomainRequest asked = Pages.viewing(visit, domains, request, response, domain -> true);
        if (asked.refused()) {
            return asked.refusal;
        }
        String name = asked.domain.name().asString();
        List<String[]> records = new ArrayList<>();
        boolean backup = asked.domain.service() == ServiceKind.BACKUP;
        records.add(new String[] {name, "MX", (backup ? BACKUP_PREFERENCE : PRIMARY_PREFERENCE) + " " + self.heloName() + ".",
            backup ? "this server as the backup: your own server keeps the lower preference value (e.g. 10)"
                : "this server receives the domain's mail"});
        List<String> mechanisms = relay.spfMechanisms();
        if (!mechanisms.isEmpty()) {
            records.add(new String[] {name, "TXT", SpfRecord.suggested(mechanisms).toString(),
                "SPF, when the domain's mail is sent through this server: merge these mechanisms into your record if you have one"});
        }
        for (DkimKey key : dkim.keys(asked.domain.name())) {
            records.add(new String[] {key.recordName() + ".", "TXT", key.recordValue(),
                "DKIM key " + key.selector() + " (" + key.algorithm() + ", " + key.state().name().toLowerCase(java.util.Locale.ROOT) + ")"});
        }
        StringBuilder rows = new StringBuilder();
        for (String[] record : records) {
            rows.append("<tr><td>").append(Html.escape(record[0])).append("</td><td>").append(record[1]).append("</td><td><code>")
                .append(Html.escape(record[2])).append("</code></td><td>").append(Html.escape(record[3])).append("</td></tr>");
        }
        return Pages.page(asked.signedIn, "DNS records of " + name,
            "<table id=\"dns\"><thead><tr><th>Name</th><th>Type</th><th>Value</th><th>What for</th></tr></thead><tbody>" + rows
                + "</tbody></table><p><a href=\"/domains/" + Html.escape(name) + "\">Back to the domain</a></p>");
    }
}
