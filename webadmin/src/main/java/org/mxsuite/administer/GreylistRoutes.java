package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.conflict;
import static org.mxsuite.administer.AdminErrors.invalid;
import static org.mxsuite.administer.AdminErrors.notFound;

import java.util.Map;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.greylist.AllowList;
import org.mxsuite.greylist.Greylist;
import org.mxsuite.greylist.GreylistCounts;
import org.mxsuite.greylist.GreylistDecision;
import org.mxsuite.greylist.GreylistSettings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Greylisting:
 * <pre>
 * GET    /greylist/stats                   triplets, passed, awaiting retry, auto-allowed networks, decisions
 * GET    /greylist/allow                   every allow list: entries of mxsuite.properties and entries added here
 * GET    /greylist/allow/{list}            one list: clients, clientNames, senderDomains, recipients
 * PUT    /greylist/allow/{list}/{entry}    adds an entry (a CIDR such as 192.0.2.0/24 may be written as is)
 * DELETE /greylist/allow/{list}/{entry}    removes an entry added here
 * </pre>
 */
public class GreylistRoutes implements Routes {
    static final String BASE_PATH = "/greylist";
    private static final String ALLOW_PATH = BASE_PATH + "/allow";

    private final Greylist greylist;

    @Inject
    public GreylistRoutes(Greylist greylist) {
        this.greylist = greylist;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH + "/stats", this::stats);
        service.get(ALLOW_PATH, this::allowLists);
        service.get(ALLOW_PATH + "/:list", this::allowList);
        // a splat, so that a CIDR's slash needs no escaping
        service.put(ALLOW_PATH + "/:list/*", this::allow);
        service.delete(ALLOW_PATH + "/:list/*", this::disallow);
    }

    private String stats(Request request, Response response) {
        GreylistCounts counts = greylist.counts();
        GreylistSettings settings = greylist.settings();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("triplets", counts.triplets());
        body.put("passed", counts.passed());
        body.put("deferred", counts.awaitingRetry());
        body.put("autoAllowed", counts.autoAllowedNetworks());
        ObjectNode decisions = body.putObject("decisionsSinceStart");
        for (Map.Entry<GreylistDecision.Kind, Long> entry : greylist.decisions().entrySet()) {
            decisions.put(entry.getKey().outcome(), entry.getValue());
        }
        ObjectNode applied = body.putObject("settings");
        applied.put("delay", Durations.format(settings.delay()));
        applied.put("retryWindow", Durations.format(settings.retryWindow()));
        applied.put("lifetime", Durations.format(settings.lifetime()));
        applied.put("autoAllowAfter", settings.autoAllowAfter());
        applied.put("prefix4", settings.prefix4());
        applied.put("prefix6", settings.prefix6());
        return json(response, body);
    }

    private String allowLists(Request request, Response response) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        Map<AllowList, Set<String>> merged = greylist.allowLists();
        for (AllowList list : AllowList.values()) {
            describe(body.putObject(list.wireName()), list, merged.get(list));
        }
        return json(response, body);
    }

    private String allowList(Request request, Response response) {
        AllowList list = list(request);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        describe(body, list, greylist.allowLists().get(list));
        return json(response, body);
    }

    private void describe(ObjectNode node, AllowList list, Set<String> merged) {
        Set<String> configured = greylist.settings().configured(list);
        ArrayNode fromConfiguration = node.putArray("configured");
        configured.stream().sorted().forEach(fromConfiguration::add);
        ArrayNode added = node.putArray("added");
        merged.stream().filter(entry -> !configured.contains(entry)).sorted().forEach(added::add);
    }

    private String allow(Request request, Response response) {
        AllowList list = list(request);
        String entry = canonical(list, entry(request));
        greylist.allow(list, entry);
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private String disallow(Request request, Response response) {
        AllowList list = list(request);
        String entry = canonical(list, entry(request));
        if (!greylist.disallow(list, entry)) {
            String why = greylist.whyNotRemoved(list, entry);
            throw greylist.settings().configured(list).contains(entry) ? conflict(why) : notFound(why);
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private static AllowList list(Request request) {
        try {
            return AllowList.named(request.params("list"));
        } catch (InvalidSettingException e) {
            throw notFound(e.getMessage());
        }
    }

    private static String entry(Request request) {
        String[] splat = request.splat();
        if (splat.length == 0 || splat[0].isBlank()) {
            throw invalid("an allow-list entry is needed after the list name");
        }
        return java.net.URLDecoder.decode(splat[0], java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String canonical(AllowList list, String entry) {
        try {
            return list.canonical(entry);
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
    }

    private static String json(Response response, ObjectNode body) {
        response.type(Constants.JSON_CONTENT_TYPE);
        return body.toString();
    }
}
