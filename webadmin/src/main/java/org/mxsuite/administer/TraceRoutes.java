package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceOutcome;
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
    private static final int DEFAULT_LIMIT = 100;
    private static final List<String> PARAMETERS = List.of("domain", "sender", "recipient", "messageId", "since", "until", "outcome",
        "limit", "offset");

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

    private TraceQuery queryOf(Request request) {
        for (String name : request.queryParams()) {
            if (!PARAMETERS.contains(name)) {
                throw invalid("unknown parameter '" + name + "'; the trace is searched by " + String.join(", ", PARAMETERS));
            }
        }
        TraceQuery.Builder query = TraceQuery.builder()
            .limit(QueryParameters.wholeNumber(request, "limit", 1, TraceQuery.MAX_LIMIT, DEFAULT_LIMIT))
            .offset(QueryParameters.wholeNumber(request, "offset", 0, Integer.MAX_VALUE, 0));
        String domain = request.queryParams("domain");
        if (domain != null) {
            query.domain(domainOf(domain));
        }
        String sender = request.queryParams("sender");
        if (sender != null) {
            query.sender(sender.isEmpty() || sender.equals("<>") ? "" : address("sender", sender));
        }
        String recipient = request.queryParams("recipient");
        if (recipient != null) {
            query.recipient(address("recipient", recipient));
        }
        String messageId = request.queryParams("messageId");
        if (messageId != null) {
            if (messageId.isBlank()) {
                throw invalid("messageId must not be empty");
            }
            query.messageId(messageId.trim());
        }
        String since = request.queryParams("since");
        if (since != null) {
            query.since(time("since", since));
        }
        String until = request.queryParams("until");
        if (until != null) {
            query.until(time("until", until));
        }
        String outcome = request.queryParams("outcome");
        if (outcome != null) {
            query.outcome(TraceOutcome.parse(outcome).orElseThrow(() -> invalid("outcome must be one of " + outcomes() + ", was '" + outcome + "'")));
        }
        return query.build();
    }

    private static String outcomes() {
        StringBuilder names = new StringBuilder();
        for (TraceOutcome outcome : TraceOutcome.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(outcome.asString());
        }
        return names.toString();
    }

    private static String domainOf(String raw) {
        try {
            return DomainName.of(raw).asString();
        } catch (InvalidSettingException e) {
            throw invalid("domain '" + raw + "' is not a domain name");
        }
    }

    private static String address(String name, String raw) {
        try {
            return new MailAddress(raw.trim()).asString();
        } catch (AddressException e) {
            throw invalid(name + " '" + raw + "' is not an email address");
        }
    }

    /** An instant, or a duration back from now. */
    private Instant time(String name, String raw) {
        try {
            return Instant.parse(raw.trim());
        } catch (DateTimeParseException e) {
            try {
                return clock.instant().minus(Durations.parse(name, raw));
            } catch (InvalidSettingException notADuration) {
                throw invalid(name + " must be an instant such as 2026-12-05T10:00:00Z or a duration back from now such as 2h or 7d, was '"
                    + raw + "'");
            }
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
