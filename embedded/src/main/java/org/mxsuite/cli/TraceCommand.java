package org.mxsuite.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code ./mxsuite trace [--domain D] [--sender S] [--recipient R] [--message-id M] [--since T] [--until T]
 * [--outcome O] [--limit N]}: a search of the delivery trace ({@code GET /trace}), newest first. The server checks
 * each value and says what is wrong with it.
 */
final class TraceCommand {
    static final String USAGE = "trace [--domain D] [--sender S] [--recipient R] [--message-id M] [--since T] [--until T] [--outcome O] [--limit N]";
    private static final Map<String, String> OPTIONS = options();

    private final WebAdminClient server;
    private final PrintStream out;
    private final boolean json;

    TraceCommand(WebAdminClient server, PrintStream out, boolean json) {
        this.server = server;
        this.out = out;
        this.json = json;
    }

    private static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--domain", "domain");
        options.put("--sender", "sender");
        options.put("--recipient", "recipient");
        options.put("--message-id", "messageId");
        options.put("--since", "since");
        options.put("--until", "until");
        options.put("--outcome", "outcome");
        options.put("--limit", "limit");
        return options;
    }

    void run(List<String> args) throws UsageException, CliException {
        JsonNode page = server.expect(server.get("trace" + query(args)), "trace").json();
        if (json) {
            out.println(page);
            return;
        }
        JsonNode events = page.path("events");
        if (events.isEmpty()) {
            out.println("no trace event matches");
            return;
        }
        Table table = new Table("TIME", "OUTCOME", "DOMAIN", "SENDER", "RECIPIENT", "DETAILS");
        for (JsonNode event : events) {
            String sender = event.path("sender").asText();
            table.row(event.path("at").asText(), event.path("outcome").asText(), event.path("domain").asText("-"),
                sender.isEmpty() ? "<>" : sender, event.path("recipient").asText("-"), details(event));
        }
        table.print(out);
        out.println("-- " + events.size() + " event(s)" + (page.hasNonNull("next") ? "; more with --limit or a narrower search" : ""));
    }

    /** The query string of the options after the command name. */
    private static String query(List<String> args) throws UsageException {
        StringBuilder query = new StringBuilder();
        for (int i = 1; i < args.size(); i += 2) {
            String parameter = OPTIONS.get(args.get(i));
            if (parameter == null) {
                throw new UsageException("trace: no option " + args.get(i) + "; " + USAGE);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("trace: " + args.get(i) + " needs a value");
            }
            query.append(query.length() == 0 ? "?" : "&").append(parameter).append('=')
                .append(URLEncoder.encode(args.get(i + 1), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** What the step says beyond its envelope: where an attempt went, the client, the reply, the ids. */
    private static String details(JsonNode event) {
        StringBuilder details = new StringBuilder();
        if (event.hasNonNull("host") || event.hasNonNull("address")) {
            details.append("to ").append(event.path("host").asText(event.path("address").asText()));
            if (event.hasNonNull("address")) {
                details.append(" [").append(event.get("address").asText()).append(']');
            }
            details.append(event.path("tls").asBoolean() ? " TLS" : " no TLS").append("; ");
        }
        if (event.hasNonNull("client")) {
            details.append("client ").append(event.get("client").asText()).append("; ");
        }
        if (event.hasNonNull("size")) {
            details.append(event.get("size").asLong()).append(" bytes; ");
        }
        if (!event.path("reply").asText().isEmpty()) {
            details.append(event.get("reply").asText()).append("; ");
        }
        if (event.hasNonNull("messageId")) {
            details.append(event.get("messageId").asText()).append(' ');
        }
        if (event.hasNonNull("heldId")) {
            details.append("held ").append(event.get("heldId").asText());
        }
        return details.toString().replaceAll("[; ]+$", "");
    }
}
