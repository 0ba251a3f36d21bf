package org.mxsuite.it.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.PipeliningClient;
import org.mxsuite.it.support.Timing;

/**
 * A name server that never answers must cost its own client the DNS time limit, and nobody else anything: clients
 * whose sender domains hang (a spammer's own name server, say) once held each command on the connection's event loop,
 * and every other connection of that loop waited with them.
 */
@Isolated(Timing.REASON)
class SlowDnsTest {
    private static final String DOMAIN = "customer.test";
    /** dns.timeout of this server: the bound of every DNS wait. */
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final int STALLING_CLIENTS = 8;
    private static final int TRANSACTIONS_EACH = 4;

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onFreePort(records -> {
        records.mx("good.test", 10, "mx.good.test").silent("slow.test");
        for (int client = 0; client < STALLING_CLIENTS; client++) {
            for (int transaction = 0; transaction < TRANSACTIONS_EACH; transaction++) {
                records.silent(slowDomain(client, transaction));
            }
        }
    });

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of(
        "mxsuite.checks.senderdomain.enabled", "true",
        "mxsuite.dns.timeout", "1s"));

    private static String slowDomain(int client, int transaction) {
        return "d" + client + "-" + transaction + ".slow.test";
    }

    @BeforeEach
    void setUp() {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\"}");
    }

    @Test
    void clientsWhoseSenderDomainsNeverAnswerDoNotSlowDownAnyoneElse() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(STALLING_CLIENTS);
        try {
            List<Future<List<String>>> stalling = new ArrayList<>();
            for (int client = 0; client < STALLING_CLIENTS; client++) {
                int number = client;
                stalling.add(threads.submit(() -> stall(number)));
            }
            Thread.sleep(300); // their RCPTs are waiting for DNS now

            long start = System.nanoTime();
            try (PipeliningClient other = PipeliningClient.connect("127.0.0.1", server.smtpInboundPort(), Duration.ofSeconds(30))) {
                assertThat(other.send("EHLO other.test").reply()).startsWith("250");
                assertThat(other.send("MAIL FROM:<alice@good.test>").reply()).startsWith("250");
                assertThat(other.send("RCPT TO:<bob@" + DOMAIN + ">").reply()).startsWith("250");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a session of good DNS meanwhile").isLessThan(BOUND);

            for (Future<List<String>> replies : stalling) {
                assertThat(replies.get()).allSatisfy(reply -> assertThat(reply).matches(
                    "451 4\\.4\\.3 <a@d\\d-\\d\\.slow\\.test>: Sender address rejected: cannot check domain d\\d-\\d\\.slow\\.test: "
                        + "DNS lookup failed \\(no answer within 1s\\); try again later"));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Pipelines transactions whose sender domains never answer; the RCPT replies. */
    private static List<String> stall(int client) throws Exception {
        try (PipeliningClient stalling = PipeliningClient.connect("127.0.0.1", server.smtpInboundPort(), Duration.ofSeconds(30))) {
            stalling.send("EHLO stall.test").reply();
            List<String> lines = new ArrayList<>();
            for (int transaction = 0; transaction < TRANSACTIONS_EACH; transaction++) {
                lines.add("MAIL FROM:<a@" + slowDomain(client, transaction) + ">");
                lines.add("RCPT TO:<bob@" + DOMAIN + ">");
                lines.add("RSET");
            }
            stalling.send(lines.toArray(new String[0]));
            List<String> rcptReplies = new ArrayList<>();
            for (int transaction = 0; transaction < TRANSACTIONS_EACH; transaction++) {
                List<String> replies = stalling.replies(3);
                assertThat(replies.get(0)).startsWith("250");
                assertThat(replies.get(2)).startsWith("250");
                rcptReplies.add(replies.get(1));
            }
            return rcptReplies;
        }
    }

    @Test
    void pipelinedCommandsBehindAWaitingOneAreAnsweredInOrder() throws Exception {
        try (PipeliningClient client = PipeliningClient.connect("127.0.0.1", server.smtpInboundPort(), Duration.ofSeconds(30))) {
            client.send("EHLO pipelining.test").reply();
            client.send("MAIL FROM:<a@slow.test>", "RCPT TO:<bob@" + DOMAIN + ">", "RSET",
                "MAIL FROM:<alice@good.test>", "RCPT TO:<bob@" + DOMAIN + ">", "RCPT TO:<carol@" + DOMAIN + ">", "DATA");

            List<String> replies = client.replies(7);
            assertThat(replies.get(0)).startsWith("250");
            assertThat(replies.get(1)).startsWith("451 4.4.3 <a@slow.test>");
            assertThat(replies.subList(2, 6)).allSatisfy(reply -> assertThat(reply).startsWith("250"));
            assertThat(replies.get(6)).startsWith("354");
            assertThat(client.send("Subject: pipelined", "", "body", ".").reply()).startsWith("250");
            assertThat(client.send("QUIT").reply()).startsWith("221");
        }
    }

    @Test
    void startTlsSentWhileACommandWaitsIsTakenAfterItOnTheEventLoop() throws Exception {
        try (PipeliningClient client = PipeliningClient.connect("127.0.0.1", server.smtpInboundPort(), Duration.ofSeconds(30))) {
            client.send("EHLO tls.test").reply();
            client.send("MAIL FROM:<a@slow.test>", "RCPT TO:<bob@" + DOMAIN + ">");
            Thread.sleep(300); // the RCPT is held back, reading paused
            client.send("STARTTLS");

            List<String> replies = client.replies(3);
            assertThat(replies.get(1)).startsWith("451 4.4.3");
            assertThat(replies.get(2)).as("TLS may start: the reply was written by the event loop").startsWith("220");
        }
    }

    @Test
    void aClientThatSendsContentBeforeTheReplyToDataIsDisconnected() throws Exception {
        try (PipeliningClient client = PipeliningClient.connect("127.0.0.1", server.smtpInboundPort(), Duration.ofSeconds(30))) {
            client.send("EHLO impatient.test").reply();
            client.send("MAIL FROM:<a@slow.test>", "RCPT TO:<bob@" + DOMAIN + ">", "RSET", "MAIL FROM:<alice@good.test>",
                "RCPT TO:<bob@" + DOMAIN + ">", "DATA", "Subject: too early", "", "body", ".");

            List<String> replies = client.replies(7);
            assertThat(replies.get(5)).startsWith("354");
            assertThat(replies.get(6)).isEqualTo("421 4.5.0 Improper pipelining: commands or content sent before the reply to DATA or AUTH; closing");
        }
    }
}
