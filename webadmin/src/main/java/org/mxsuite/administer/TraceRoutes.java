package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.trace.TraceCriteria;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceQuery;
import org.mxsuite.trace.TraceStore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /trace}: the delivery trace, every node's, searched.
 * <pre>
 * GET /trace?domain=&amp;sender=&amp;recipient=&amp;messageId=&amp;since=&amp;until=&amp;outcome=&amp;limit=100&amp;offset=0
 * </pre>
 * Every criterion given must match; events newest first, with {@code next} the offset of the next page (null on the
 * last). {@code since} and {@code until} are instants (2026-12-05T10:00:00Z) or durations back from now (2h, 7d);
 * {@code sender=} (empty) asks for the null sender. A parameter out of its form, or one the route does not know, is a 400.
 */
public class TraceRoutes implements Routes {
    public static final String BASE_PATH = "/trace";

    private final TraceStore store;
    private final Clock clock;

    @Inject
    public TraceRoutes(TraceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::search);
    }

    private String search(Request request, Response response) {
        TraceQuery query = queryOf(request);
        List<TraceEvent> found = store.search(query.oneMore());
        boolean more = found.size() > query.limit();
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        found.stream().limit(query.limit()).forEach(event -> events.add(toJson(event)));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("offset", query.offset());
        body.put("limit", query.limit());
        if (more) {
            body.put("next", query.offset() + query.limit());
        } else {
            body.putNull("next");
        }
        body.set("events", events);
        response.type(Constants.JSON_CONTENT_TYPE);
        return body.toString();
    }

    /** The query of the request's parameters, read as the panel reads its search form ({@link TraceCriteria}). */
    private TraceQuery queryOf(Request request) {
        Map<String, String> criteria = new HashMap<>();
        request.queryParams().forEach(name -> criteria.put(name, request.queryParams(name)));
        try {
            return TraceCriteria.parse(criteria, clock);
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
    }

    private static ObjectNode toJson(TraceEvent event) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("at", event.at().toString());
        json.put("outcome", event.outcome().asString());
        json.put("domain", event.domain());
        json.put("sender", event.sender());
        event.recipient().ifPresent(recipient -> json.put("recipient", recipient));
        event.messageId().ifPresent(id -> json.put("messageId", id));
        event.heldId().ifPresent(id -> json.put("heldId", id));
        event.client().ifPresent(client -> json.put("client", client));
        event.size().ifPresent(size -> json.put("size", size));
        event.host().ifPresent(host -> json.put("host", host));
        event.address().ifPresent(address -> json.put("address", address));
        event.tls().ifPresent(tls -> json.put("tls", tls));
        json.put("reply", event.reply());
        return json;
    }
}
