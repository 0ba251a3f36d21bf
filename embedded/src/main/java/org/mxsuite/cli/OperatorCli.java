package org.mxsuite.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code ./mxsuite queue|flush|drop|domain|user|relay-account|trace}: the operator's everyday WebAdmin requests as commands,
 * readable by default and JSON with {@code --json}. Exit status: 0 done, 1 refused or failed (the server's own
 * message is printed), 2 not a command this knows.
 */
public final class OperatorCli {
    static final String USAGE = String.join("\n",
        "usage: ./mxsuite COMMAND [--json]",
        "  queue                               held mail per backup/relay domain (like mailq's summary)",
        "  queue DOMAIN                        each message held for DOMAIN, oldest first, with its recipients",
        "  flush DOMAIN                        deliver DOMAIN's held mail now, whatever its retry interval",
        "  drop DOMAIN ID [--notify]           remove a held message (--notify: its sender gets a DSN)",
        "  domain DOMAIN                       show a hosted domain's settings",
        "  domain DOMAIN set KEY=VALUE...      change settings; a value is JSON (25, true, [\"a\"]) or else a string",
        "  user add ADDRESS                    add a mailbox user (password asked twice, or one line on stdin)",
        "  relay-account add NAME DOMAIN... [--daily-limit N] [--hourly-limit N] [--max-recipients N]",
        "                                      add a relay account that may send as DOMAIN... (password as for user add)",
        "  trace [--domain D] [--sender S] [--recipient R] [--message-id M] [--since T] [--until T] [--outcome O] [--limit N]",
        "                                      search the delivery trace, newest first; T: 2026-12-05T10:00:00Z or 2h back;",
        "                                      O: accepted refused held delivered deferred failed returned dropped expired",
        "The server: MXSUITE_WEBADMIN_URL (default http://127.0.0.1:MXSUITE_WEBADMIN_PORT, port 8000);",
        "MXSUITE_WEBADMIN_TOKEN: a JWT, when WebAdmin asks for one.");

    private final WebAdminClient server;
    private final PrintStream out;
    private final InputStream in;
    private final boolean json;

    private OperatorCli(WebAdminClient server, PrintStream out, InputStream in, boolean json) {
        this.server = server;
        this.out = out;
        this.in = in;
        this.json = json;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, System.in));
    }

    public static int run(String[] arguments, Map<String, String> environment, PrintStream out, PrintStream err, InputStream in) {
        List<String> args = new ArrayList<>(Arrays.asList(arguments));
        boolean json = args.remove("--json");
        if (args.contains("--help") || args.contains("-h") || args.equals(List.of("help"))) {
            out.println(USAGE);
            return 0;
        }
        try {
            OperatorCli cli = new OperatorCli(new WebAdminClient(serverAddress(environment),
                Optional.ofNullable(environment.get("MXSUITE_WEBADMIN_TOKEN")).filter(token -> !token.isBlank())), out, in, json);
            cli.dispatch(args);
            return 0;
        } catch (UsageException e) {
            err.println("mxsuite: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (CliException e) {
            err.println("mxsuite: " + e.getMessage());
            return 1;
        }
    }

    static URI serverAddress(Map<String, String> environment) throws UsageException {
        String url = environment.get("MXSUITE_WEBADMIN_URL");
        if (url == null || url.isBlank()) {
            url = "http://127.0.0.1:" + environment.getOrDefault("MXSUITE_WEBADMIN_PORT", "8000");
        }
        try {
            URI uri = URI.create(url.endsWith("/") ? url : url + "/");
            if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("MXSUITE_WEBADMIN_URL (or _PORT) is not a WebAdmin address: " + url);
        }
    }

    private void dispatch(List<String> args) throws UsageException, CliException {
        String command = args.isEmpty() ? "" : args.get(0);
        switch (command) {
            case "queue":
                if (args.size() == 1) {
                    queueSummary();
                } else {
                    queue(only(args, 2).get(1));
                }
                break;
            case "flush":
                flush(only(args, 2).get(1));
                break;
            case "drop":
                boolean notify = args.remove("--notify");
                List<String> drop = only(args, 3);
                drop(drop.get(1), drop.get(2), notify);
                break;
            case "domain":
                domain(args);
                break;
            case "user":
                addUser(subcommand(args, "add", 3).get(2));
                break;
            case "relay-account":
                addRelayAccount(args);
                break;
            case "trace":
                new TraceCommand(server, out, json).run(args);
                break;
            case "":
                throw new UsageException("which command?");
            default:
                throw new UsageException("no command " + command);
        }
    }

    private void queueSummary() throws CliException {
        ArrayNode summary = WebAdminClient.JSON.createArrayNode();
        Table table = new Table("DOMAIN", "SERVICE", "HELD", "BYTES", "DESTINATION");
        long messages = 0;
        long bytes = 0;
        for (JsonNode domain : server.expect(server.get("hosted-domains"), "listing the hosted domains").json()) {
            String service = domain.path("service").asText();
            if (!service.equals("backup") && !service.equals("relay")) {
                continue;
            }
            String name = domain.path("domain").asText();
            JsonNode queue = server.expect(server.get(queuePath(name) + "?limit=1"), "the queue of " + name).json();
            ObjectNode line = summary.addObject();
            line.put("domain", name).put("service", service)
                .put("messages", queue.path("messages").asLong()).put("bytes", queue.path("bytes").asLong());
            if (queue.hasNonNull("destinationStatus")) {
                line.put("destinationStatus", queue.get("destinationStatus").asText());
            }
            messages += queue.path("messages").asLong();
            bytes += queue.path("bytes").asLong();
            table.row(name, service, queue.path("messages").asLong(), queue.path("bytes").asLong(),
                queue.hasNonNull("destinationStatus") ? queue.get("destinationStatus").asText() : "answering");
        }
        if (json) {
            out.println(summary);
            return;
        }
        if (table.isEmpty()) {
            out.println("no backup or relay domain is hosted");
            return;
        }
        table.print(out);
        out.println("-- " + messages + " message(s), " + bytes + " bytes held for " + summary.size() + " domain(s)");
    }

    private void queue(String domain) throws CliException {
        ArrayNode items = WebAdminClient.JSON.createArrayNode();
        JsonNode page;
        int offset = 0;
        do {
            page = server.expect(server.get(queuePath(domain) + "?offset=" + offset + "&limit=1000"), "the queue of " + domain).json();
            page.path("items").forEach(items::add);
            offset += 1000;
        } while (offset < page.path("messages").asLong());
        if (json) {
            ObjectNode all = WebAdminClient.JSON.createObjectNode();
            all.put("domain", domain).put("messages", page.path("messages").asLong()).put("bytes", page.path("bytes").asLong());
            all.set("destinationStatus", page.get("destinationStatus"));
            all.set("items", items);
            out.println(all);
            return;
        }
        if (items.isEmpty()) {
            out.println(domain + ": no mail held");
            return;
        }
        Table table = new Table("ID", "SIZE", "RECEIVED", "ATTEMPTS", "NEXT ATTEMPT", "SENDER / RECIPIENTS (LAST REPLY)");
        for (JsonNode item : items) {
            String sender = item.path("sender").asText();
            table.row(item.path("id").asText(), item.path("size").asLong(), item.path("received").asText(),
                item.path("attempts").asInt(), item.path("nextAttempt").asText("-"), sender.isEmpty() ? "<>" : sender);
            for (JsonNode recipient : item.path("recipients")) {
                table.row("", "", "", "", "", "  " + recipient.path("address").asText()
                    + (recipient.hasNonNull("lastReply") ? " (" + recipient.get("lastReply").asText() + ")" : ""));
            }
        }
        table.print(out);
        out.println("-- " + page.path("messages").asLong() + " message(s), " + page.path("bytes").asLong() + " bytes held for " + domain
            + (page.hasNonNull("destinationStatus") ? "; destination: " + page.get("destinationStatus").asText() : ""));
    }

    private void flush(String domain) throws CliException {
        JsonNode answer = server.expect(server.post(queuePath(domain) + "?action=flush"), "flush " + domain).json();
        out.println(json ? answer.toString() : domain + ": " + answer.path("messages").asLong() + " message(s) due now");
    }

    private void drop(String domain, String id, boolean notify) throws CliException {
        server.expect(server.delete(queuePath(domain) + "/" + WebAdminClient.segment(id) + "?notifySender=" + notify), "drop " + id);
        out.println(json ? "{\"dropped\":\"" + id + "\"}" : id + " dropped" + (notify ? "; its sender is told" : ""));
    }

    private void domain(List<String> args) throws UsageException, CliException {
        if (args.size() < 2) {
            throw new UsageException("domain: which domain?");
        }
        String name = args.get(1);
        String path = "hosted-domains/" + WebAdminClient.segment(name);
        if (args.size() > 2) {
            if (!args.get(2).equals("set") || args.size() == 3) {
                throw new UsageException("domain DOMAIN set KEY=VALUE...");
            }
            ObjectNode settings = (ObjectNode) server.expect(server.get(path), "domain " + name).json();
            for (String assignment : args.subList(3, args.size())) {
                int equals = assignment.indexOf('=');
                if (equals < 1) {
                    throw new UsageException("not KEY=VALUE: " + assignment);
                }
                settings.set(assignment.substring(0, equals), value(assignment.substring(equals + 1)));
            }
            server.expect(server.put(path, settings), "domain " + name);
        }
        JsonNode domain = server.expect(server.get(path), "domain " + name).json();
        if (json) {
            out.println(domain);
            return;
        }
        Table table = new Table("SETTING", "VALUE");
        domain.fields().forEachRemaining(field -> table.row(field.getKey(), field.getValue().isTextual() ? field.getValue().asText() : field.getValue()));
        table.print(out);
    }

    private void addUser(String address) throws CliException, UsageException {
        ObjectNode body = WebAdminClient.JSON.createObjectNode().put("password", password());
        server.expect(server.put("users/" + WebAdminClient.segment(address), body), "user " + address);
        out.println(json ? "{\"user\":\"" + address + "\"}" : address + " added");
    }

    private static final String RELAY_ACCOUNT_USAGE = "relay-account add NAME DOMAIN... [--daily-limit N] [--hourly-limit N] [--max-recipients N]";

    private void addRelayAccount(List<String> args) throws CliException, UsageException {
        Optional<Integer> dailyLimit = intOption(args, "--daily-limit");
        Optional<Integer> hourlyLimit = intOption(args, "--hourly-limit");
        Optional<Integer> maxRecipients = intOption(args, "--max-recipients");
        if (args.size() < 4 || !args.get(1).equals("add")) {
            throw new UsageException(RELAY_ACCOUNT_USAGE);
        }
        String name = args.get(2);
        ObjectNode body = WebAdminClient.JSON.createObjectNode().put("password", password());
        ArrayNode domains = body.putArray("domains");
        args.subList(3, args.size()).forEach(domains::add);
        dailyLimit.ifPresent(limit -> body.put("dailyLimit", limit));
        hourlyLimit.ifPresent(limit -> body.put("hourlyLimit", limit));
        maxRecipients.ifPresent(limit -> body.put("maxRecipients", limit));
        server.expect(server.put("relay-accounts/" + WebAdminClient.segment(name), body), "relay account " + name);
        out.println(json ? server.expect(server.get("relay-accounts/" + WebAdminClient.segment(name)), name).body : name + " added");
    }

    /** The number after {@code option}, taken out of {@code args} with it; the server checks its range. */
    private static Optional<Integer> intOption(List<String> args, String option) throws UsageException {
        int at = args.indexOf(option);
        if (at < 0) {
            return Optional.empty();
        }
        if (at + 1 >= args.size()) {
            throw new UsageException(option + " N");
        }
        try {
            Optional<Integer> value = Optional.of(Integer.parseInt(args.get(at + 1)));
            args.subList(at, at + 2).clear();
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": not a number: " + args.get(at + 1));
        }
    }

    /** Asked twice on a terminal (not echoed); otherwise the first line of standard input, so that no password is an argument. */
    private String password() throws CliException {
        Console console = System.console();
        if (console != null && in == System.in) {
            char[] first = console.readPassword("password: ");
            char[] second = console.readPassword("again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new CliException("the passwords differ");
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException("no password on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new CliException("cannot read the password: " + e.getMessage());
        }
    }

    private static JsonNode value(String text) {
        try {
            return WebAdminClient.JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
        } catch (IOException notJson) {
            return WebAdminClient.JSON.getNodeFactory().textNode(text);
        }
    }

    private static String queuePath(String domain) {
        return "hosted-domains/" + WebAdminClient.segment(domain) + "/queue";
    }

    private static List<String> only(List<String> args, int count) throws UsageException {
        if (args.size() != count) {
            throw new UsageException(args.get(0) + ": " + (args.size() < count ? "missing arguments" : "too many arguments"));
        }
        return args;
    }

    private static List<String> subcommand(List<String> args, String expected, int count) throws UsageException {
        if (args.size() < 2 || !args.get(1).equals(expected)) {
            throw new UsageException(args.get(0) + " " + expected + " ...");
        }
        return only(args, count);
    }
}
