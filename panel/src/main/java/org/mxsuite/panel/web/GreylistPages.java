package org.mxsuite.panel.web;

import java.util.Map;
import java.util.Set;

import org.mxsuite.domain.Durations;
import org.mxsuite.greylist.AllowList;
import org.mxsuite.greylist.Greylist;
import org.mxsuite.greylist.GreylistCounts;
import org.mxsuite.greylist.GreylistDecision;
import org.mxsuite.greylist.GreylistSettings;

import spark.Request;
import spark.Service;

/**
 * Greylisting as WebAdmin's {@code /greylist} shows it: the counts of the store, this node's decisions since it
 * started, the settings in force; and the allow lists, whose entries added here (not those of mxsuite.properties)
 * can be removed.
 */
final class GreylistPages extends OperatorPage {
    private static final String PATH = "/greylisting";

    private final Greylist greylist;

    GreylistPages(Visit visit, Greylist greylist) {
        super(visit, PATH, "Greylisting");
        this.greylist = greylist;
    }

    @Override
    public void define(Service service) {
        service.get(PATH, this::show);
        service.post(PATH + "/allow", (request, response) -> act(request, response, this::allow));
        service.post(PATH + "/disallow", (request, response) -> act(request, response, this::disallow));
    }

    private String allow(Visit.SignedIn operator, Request request) {
        AllowList list = AllowList.named(field(request, "list"));
        String entry = list.canonical(field(request, "entry"));
        greylist.allow(list, entry);
        return "'" + entry + "' added to the " + list.wireName() + " allow list.";
    }

    private String disallow(Visit.SignedIn operator, Request request) {
        AllowList list = AllowList.named(field(request, "list"));
        String entry = list.canonical(field(request, "entry"));
        if (!greylist.disallow(list, entry)) {
            throw new IllegalArgumentException(greylist.whyNotRemoved(list, entry));
        }
        return "'" + entry + "' removed from the " + list.wireName() + " allow list.";
    }

    @Override
    String content(Visit.SignedIn operator) {
        GreylistCounts counts = greylist.counts();
        GreylistSettings settings = greylist.settings();
        StringBuilder decisions = new StringBuilder();
        for (Map.Entry<GreylistDecision.Kind, Long> decision : greylist.decisions().entrySet()) {
            decisions.append(row(decision.getKey().outcome(), decision.getValue()));
        }
        return "<table id=\"greylist-counts\"><tbody>" + row("Triplets", counts.triplets()) + row("Passed", counts.passed())
            + row("Awaiting retry", counts.awaitingRetry()) + row("Auto-allowed networks", counts.autoAllowedNetworks()) + "</tbody></table>"
            + "<h2>Decisions of this node since it started</h2><table id=\"greylist-decisions\"><tbody>" + decisions + "</tbody></table>"
            + "<h2>Settings</h2><table id=\"greylist-settings\"><tbody>" + row("Delay", Durations.format(settings.delay()))
            + row("Retry window", Durations.format(settings.retryWindow())) + row("Lifetime", Durations.format(settings.lifetime()))
            + row("Auto-allow after", settings.autoAllowAfter()) + row("Network prefix IPv4 / IPv6", "/" + settings.prefix4() + " /" + settings.prefix6())
            + "</tbody></table>" + allowLists(operator);
    }

    private String allowLists(Visit.SignedIn operator) {
        Map<AllowList, Set<String>> merged = greylist.allowLists();
        StringBuilder rows = new StringBuilder();
        StringBuilder options = new StringBuilder();
        for (AllowList list : AllowList.values()) {
            Set<String> configured = greylist.settings().configured(list);
            options.append("<option value=\"").append(list.wireName()).append("\">").append(list.wireName()).append("</option>");
            for (String entry : configured) {
                rows.append("<tr>").append(cell(list.wireName())).append(cell(entry)).append("<td>mxsuite.properties</td></tr>");
            }
            for (String entry : merged.get(list)) {
                if (!configured.contains(entry)) {
                    rows.append("<tr>").append(cell(list.wireName())).append(cell(entry)).append("<td><form method=\"post\" action=\"")
                        .append(PATH).append("/disallow\">").append(Html.csrfField(operator.session.csrf()))
                        .append("<input type=\"hidden\" name=\"list\" value=\"").append(list.wireName()).append("\">")
                        .append("<input type=\"hidden\" name=\"entry\" value=\"").append(Html.escape(entry)).append("\">")
                        .append("<button type=\"submit\">Remove</button></form></td></tr>");
                }
            }
        }
        return "<h2>Allow lists</h2><table id=\"greylist-allow\"><thead><tr><th>List</th><th>Entry</th><th></th></tr></thead><tbody>" + rows
            + "</tbody></table><form class=\"login\" method=\"post\" action=\"" + PATH + "/allow\">" + Html.csrfField(operator.session.csrf())
            + "<label for=\"allow-list\">List</label><select id=\"allow-list\" name=\"list\">" + options + "</select>"
            + "<label for=\"allow-entry\">Entry (a network, a host-name suffix, a sender domain or a recipient address)</label>"
            + "<input type=\"text\" id=\"allow-entry\" name=\"entry\" required><button type=\"submit\" id=\"add-allow\">Add</button></form>";
    }

    private static String row(String name, Object value) {
        return "<tr><th>" + Html.escape(name) + "</th>" + cell(value) + "</tr>";
    }
}
