package org.mxsuite.panel.web;

import java.time.Clock;

import org.mxsuite.dnsbl.LocalBlocklist;
import org.mxsuite.dnsbl.LocalBlocklistEntry;
import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.InvalidSettingException;

import spark.Request;
import spark.Service;

/**
 * The internal blocklist: networks refused at RCPT as a DNS blocklist's listings are. Listing, adding (with a reason
 * shown to the client and an expiry, as WebAdmin's {@code PUT /dnsbl/local/...} takes them) and removing.
 */
final class LocalBlocklistPages extends OperatorPage {
    private static final String PATH = "/blocklist";

    private final LocalBlocklist blocklist;
    private final Clock clock;

    LocalBlocklistPages(Visit visit, LocalBlocklist blocklist, Clock clock) {
        super(visit, PATH, "Internal blocklist");
        this.blocklist = blocklist;
        this.clock = clock;
    }

    @Override
    public void define(Service service) {
        service.get(PATH, this::show);
        service.post(PATH, (request, response) -> act(request, response, this::add));
        service.post(PATH + "/remove", (request, response) -> act(request, response, this::remove));
    }

    private String add(Visit.SignedIn operator, Request request) {
        Cidr network = Cidr.parse(field(request, "network"));
        blocklist.put(LocalBlocklistEntry.requested(network, optionalField(request, "reason"), optionalField(request, "expires"),
            optionalField(request, "expiresIn"), clock.instant()));
        return network + " is on the internal blocklist.";
    }

    private String remove(Visit.SignedIn operator, Request request) {
        Cidr network = Cidr.parse(field(request, "network"));
        if (!blocklist.remove(network)) {
            throw new InvalidSettingException(network + " is not on the internal blocklist");
        }
        return network + " removed from the internal blocklist.";
    }

    @Override
    String content(Visit.SignedIn operator) {
        StringBuilder rows = new StringBuilder();
        for (LocalBlocklistEntry entry : blocklist.list()) {
            rows.append("<tr>").append(cell(entry.network())).append(cell(entry.reason().orElse("")))
                .append(cell(entry.expires().map(Object::toString).orElse("never"))).append(cell(entry.added()))
                .append("<td>").append(button(operator, PATH + "/remove", "network", entry.network().toString(), "Remove")).append("</td></tr>");
        }
        return "<table id=\"blocklist\"><thead><tr><th>Network</th><th>Reason</th><th>Expires</th><th>Added</th><th></th></tr></thead>"
            + "<tbody>" + rows + "</tbody></table>"
            + "<h2>Block a network</h2><form class=\"login\" method=\"post\" action=\"" + PATH + "\">" + Html.csrfField(operator.session.csrf())
            + "<label for=\"block-network\">Address or network (192.0.2.7, 192.0.2.0/24, 2001:db8::/32)</label>"
            + "<input type=\"text\" id=\"block-network\" name=\"network\" required>"
            + "<label for=\"block-reason\">Reason, shown to the refused client (optional)</label>"
            + "<input type=\"text\" id=\"block-reason\" name=\"reason\">"
            + "<label for=\"block-expires-in\">Expires in (such as 7d; empty: never)</label><input type=\"text\" id=\"block-expires-in\" name=\"expiresIn\">"
            + "<label for=\"block-expires\">or expires at (such as 2026-12-01T00:00:00Z)</label><input type=\"text\" id=\"block-expires\" name=\"expires\">"
            + "<button type=\"submit\" id=\"add-block\">Block</button></form>"
            + "<p>Listed clients are refused at RCPT (554 5.7.1) when DNS blocklist checks are on (<code>checks.dnsbl.enabled</code>).</p>";
    }
}
