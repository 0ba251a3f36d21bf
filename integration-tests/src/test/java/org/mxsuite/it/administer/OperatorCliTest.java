package org.mxsuite.it.administer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.CustomerAndSenders.SENDERS;
import static org.mxsuite.it.support.HostedDomains.awaitAttempts;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.firstHeldId;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.cli.OperatorCli;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The operator commands of ./mxsuite against a real server's WebAdmin: what they print, and their exit status. */
@SharesTheServer
class OperatorCliTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @Test
    void listsFlushesAndDropsHeldMailAsMailqWould() throws Exception {
        String since = java.time.Instant.now().minusMillis(1).toString();
        holdOneMessage();

        Run summary = run("queue");
        assertThat(summary.status).as(summary.err).isZero();
        assertThat(summary.out).containsPattern("(?m)^" + DOMAIN.replace(".", "\\.") + " +backup +1 +\\d+ +\\S")
            .contains("-- 1 message(s)");

        Run listed = run("queue", DOMAIN, "--json");
        JsonNode queue = new ObjectMapper().readTree(listed.out);
        assertThat(queue.get("items")).hasSize(1);
        assertThat(queue.get("items").get(0).get("sender").asText()).isEqualTo("alice@" + SENDERS);
        assertThat(run("queue", DOMAIN).out).contains(firstHeldId(DOMAIN), "alice@" + SENDERS, "  bob@" + DOMAIN);

        Run flushed = run("flush", DOMAIN);
        assertThat(flushed.status).as(flushed.err).isZero();
        assertThat(flushed.out).isEqualTo(DOMAIN + ": 1 message(s) due now\n");
        // the flushed attempt ends before the message can be dropped (a delivery in progress holds it)
        awaitAttempts(DOMAIN, 2);

        Run dropped = run("drop", DOMAIN, firstHeldId(DOMAIN));
        assertThat(dropped.status).as(dropped.err).isZero();
        awaitQueueSize(DOMAIN, 0);
        assertThat(run("queue", DOMAIN).out).isEqualTo(DOMAIN + ": no mail held\n");
        // the drop in the trace (written a moment after), found from the command line
        org.mxsuite.it.support.TraceSearch.await(Map.of("recipient", "bob@" + DOMAIN, "outcome", "dropped", "since", since), 1);
        assertThat(run("trace", "--recipient", "bob@" + DOMAIN, "--outcome", "dropped", "--since", since).out)
            .contains("removed from the queue by the administrator").contains("-- 1 event(s)");
    }

    @Test
    void changesADomainsSettingsAndReportsTheServersRefusal() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");

        Run changed = run("domain", DOMAIN, "set", "paused=true", "retryInterval=5m");
        assertThat(changed.status).as(changed.err).isZero();
        assertThat(changed.out).containsPattern("(?m)^paused +true$").containsPattern("(?m)^retryInterval +5m$");

        Run refused = run("domain", DOMAIN, "set", "retryInterval=5 minutes");
        assertThat(refused.status).isEqualTo(1);
        assertThat(refused.err).startsWith("mxsuite: domain " + DOMAIN + ": ").contains("retryInterval").contains("(400)");
        assertThat(given().port(server.webAdminPort()).get("/hosted-domains/" + DOMAIN).jsonPath().getString("retryInterval")).isEqualTo("5m");

        Run pausedFlush = run("flush", DOMAIN);
        assertThat(pausedFlush.status).isEqualTo(1);
        assertThat(pausedFlush.err).contains("paused").contains("(409)");
    }

    @Test
    void addsMailboxUsersAndRelayAccountsWithThePasswordOnStandardInput() throws Exception {
        putDomain("cli-mailbox.example", "{\"service\":\"mailbox\"}");
        try {
            Run user = runWithInput("correct horse battery\n", "user", "add", "ann@cli-mailbox.example");
            assertThat(user.status).as(user.err).isZero();
            assertThat(given().port(server.webAdminPort()).get("/users").asString()).contains("ann@cli-mailbox.example");

            Run account = runWithInput("a long relay secret\n", "relay-account", "add", "cli-shop", DOMAIN, "--daily-limit", "50",
                "--hourly-limit", "20", "--max-recipients", "10");
            assertThat(account.status).as(account.err).isZero();
            io.restassured.path.json.JsonPath created = given().port(server.webAdminPort()).get("/relay-accounts/cli-shop").jsonPath();
            assertThat(created.getInt("dailyLimit")).isEqualTo(50);
            assertThat(created.getInt("hourlyLimit")).isEqualTo(20);
            assertThat(created.getInt("maxRecipients")).isEqualTo(10);

            Run noPassword = runWithInput("", "relay-account", "add", "cli-other", DOMAIN);
            assertThat(noPassword.status).isEqualTo(1);
            assertThat(noPassword.err).contains("no password on standard input");
        } finally {
            given().port(server.webAdminPort()).delete("/users/ann@cli-mailbox.example");
            given().port(server.webAdminPort()).delete("/relay-accounts/cli-shop");
            given().port(server.webAdminPort()).delete("/hosted-domains/cli-mailbox.example");
        }
    }

    @Test
    void searchesTheDeliveryTrace() throws Exception {
        String sender = "cli." + System.nanoTime() + "@" + SENDERS;
        servers.customer().stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");
        assertThat(Smtp.send(server.smtpInboundPort(), sender, Smtp.message(sender, "bob@" + DOMAIN, "traced", "body"), "bob@" + DOMAIN)
            .accepted()).isTrue();
        awaitAttempts(DOMAIN, 1);
        org.mxsuite.it.support.TraceSearch.await(Map.of("sender", sender), 3);

        Run table = run("trace", "--sender", sender, "--recipient", "bob@" + DOMAIN);
        assertThat(table.status).as(table.err).isZero();
        assertThat(table.out).containsPattern("(?m)^TIME +OUTCOME +DOMAIN +SENDER +RECIPIENT +DETAILS$")
            .containsPattern("(?m)^\\S+ +deferred +" + DOMAIN.replace(".", "\\.") + " +" + sender.replace(".", "\\.") + " +bob@\\S+ +421 4\\.4\\.1")
            .containsPattern("(?m) held +.* held \\S+$").containsPattern("(?m) accepted +.*client 127\\.0\\.0\\.1; \\d+ bytes")
            .contains("-- 3 event(s)");

        Run json = run("trace", "--sender", sender, "--outcome", "held", "--limit", "1", "--json");
        assertThat(json.status).as(json.err).isZero();
        JsonNode page = new ObjectMapper().readTree(json.out);
        assertThat(page.get("events")).hasSize(1);
        assertThat(page.get("events").get(0).get("outcome").asText()).isEqualTo("held");

        Run badValue = run("trace", "--since", "yesterday");
        assertThat(badValue.status).isEqualTo(1);
        assertThat(badValue.err).contains("since must be an instant").contains("(400)");
        Run badOption = run("trace", "--from", sender);
        assertThat(badOption.status).isEqualTo(2);
        assertThat(badOption.err).contains("trace: no option --from");
        assertThat(run("trace", "--sender", "nobody." + System.nanoTime() + "@" + SENDERS).out).isEqualTo("no trace event matches\n");
        given().delete("/hosted-domains/" + DOMAIN + "/queue/" + firstHeldId(DOMAIN));
    }

    @Test
    void saysWhatIsWrongWithANonZeroStatus() throws Exception {
        Run unknown = run("queue", "never-hosted.example");
        assertThat(unknown.status).isEqualTo(1);
        assertThat(unknown.err).contains("never-hosted.example is not a hosted domain").contains("(404)");

        Run noServer = new Run(Map.of("MXSUITE_WEBADMIN_URL", "http://127.0.0.1:1"), "", "queue");
        assertThat(noServer.status).isEqualTo(1);
        assertThat(noServer.err).contains("no server answers at http://127.0.0.1:1/");

        Run usage = run("frobnicate");
        assertThat(usage.status).isEqualTo(2);
        assertThat(usage.err).contains("no command frobnicate", "usage: ./mxsuite");
    }

    private void holdOneMessage() throws Exception {
        servers.customer().stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");
        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS,
            Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "held", "body"), "bob@" + DOMAIN);
        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        awaitQueueSize(DOMAIN, 1);
        awaitAttempts(DOMAIN, 1);
    }

    private static Run run(String... args) {
        return new Run(Map.of("MXSUITE_WEBADMIN_PORT", String.valueOf(server.webAdminPort())), "", args);
    }

    private static Run runWithInput(String stdin, String first, String... rest) {
        String[] args = new String[rest.length + 1];
        args[0] = first;
        System.arraycopy(rest, 0, args, 1, rest.length);
        return new Run(Map.of("MXSUITE_WEBADMIN_PORT", String.valueOf(server.webAdminPort())), stdin, args);
    }

    private static final class Run {
        final int status;
        final String out;
        final String err;

        Run(Map<String, String> environment, String stdin, String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            this.status = OperatorCli.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            this.out = out.toString(StandardCharsets.UTF_8);
            this.err = err.toString(StandardCharsets.UTF_8);
        }
    }
}
