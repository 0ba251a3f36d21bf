package org.mxsuite.it.relay;

import static io.restassured.RestAssured.given;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.deliver.tls.TestCertificates;
import org.mxsuite.deliver.tls.TestCertificates.Issued;
import org.mxsuite.it.relay.RelayClient.Security;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.JamesMetrics;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MtaStsPolicyServer;
import org.mxsuite.it.support.MxSuiteServer;

import io.restassured.http.ContentType;

/**
 * The issue's lookup count: relayed mail to one domain with an enforced MTA-STS policy, N messages (10,000 by default)
 * accepted while its MX host is down, then drained to it over TLS with a certificate valid for its name. Prints the
 * TXT lookups and policy fetches that the whole run made (the shipped {@code delivery.mtaSts.txtCacheTime}, 1m), and
 * the drain rate. Not a test: run by bench/mta-sts-drain.sh; see bench/README.md.
 */
class MtaStsDrainBenchmark {
    private static final String SENDER = "sender.example.net";
    private static final String DESTINATION = "sts.example.org";
    private static final String MX = "mx." + DESTINATION;
    private static final String PASSWORD = "relay-password-1";
    private static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
    private static final int SESSIONS = Integer.getInteger("bench.sessions", 4);
    private static final int SIZE = Integer.getInteger("bench.size", 10_240);
    private static final Issued CA = TestCertificates.authority("MTA-STS benchmark CA");

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onPort53(records -> records
        .mx(DESTINATION, 10, MX).a(MX, "127.0.0.5")
        .txt("_mta-sts." + DESTINATION, "v=STSv1; id=bench1;").a("mta-sts." + DESTINATION, "127.0.0.1")
        .a(SENDER, "192.0.2.10"));

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of("mxsuite.auth.requiretls", "false",
        "mxsuite.delivery.tls.cafile", caFile(),
        "mxsuite.hold.external.perdomain.maxmessages", String.valueOf(MESSAGES * 2),
        "mxsuite.hold.external.maxmessages", String.valueOf(MESSAGES * 2)));

    @Test
    void drainToAnMtaStsDomain() throws Exception {
        given().contentType(ContentType.JSON).body("{\"password\":\"" + PASSWORD + "\",\"domains\":[\"" + SENDER
            + "\"],\"dailyLimit\":10000000}").put("/relay-accounts/bench").then().statusCode(201);
        try (MtaStsPolicyServer policies = MtaStsPolicyServer.onPort443(
            TestCertificates.serverContext(TestCertificates.leaf(CA, "mta-sts." + DESTINATION), CA.certificate()))) {
            policies.serve(DESTINATION, "version: STSv1\r\nmode: enforce\r\nmx: " + MX + "\r\nmax_age: 86400\r\n");
            long start = System.nanoTime();
            accept();
            double acceptSeconds = (System.nanoTime() - start) / 1e9;
            awaitHeld(MESSAGES);
            start = System.nanoTime();
            int received;
            try (CustomerSmtpServer mx = new CustomerSmtpServer(InetAddress.getByName("127.0.0.5"), 25)
                .withStartTls(TestCertificates.serverContext(TestCertificates.leaf(CA, MX), CA.certificate())).start()) {
                drain();
                received = mx.messages().size();
                if (!mx.messages().stream().allMatch(message -> message.tls())) {
                    throw new AssertionError("a message went without TLS");
                }
            }
            double drainSeconds = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT, "%d messages of %d bytes relayed to one MTA-STS (enforce) domain: accepted"
                + " in %.1f s while its MX was down, drained over verified TLS in %.1f s (%.0f msg/s), %d received; "
                + "%d TXT lookups, %d policy fetches (%d policy requests served)", MESSAGES, SIZE, acceptSeconds, drainSeconds,
                MESSAGES / drainSeconds, received, JamesMetrics.count("mxsuite_mta_sts_txt_lookups"),
                JamesMetrics.count("mxsuite_mta_sts_policy_fetches"), policies.requests(DESTINATION)));
        }
    }

    private static void accept() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(SESSIONS);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int share = MESSAGES / SESSIONS + (s < MESSAGES % SESSIONS ? 1 : 0);
            sent.add(senders.submit(() -> send(share)));
        }
        int accepted = 0;
        for (Future<Integer> session : sent) {
            accepted += session.get();
        }
        senders.shutdown();
        if (accepted != MESSAGES) {
            throw new AssertionError(accepted + " of " + MESSAGES + " accepted");
        }
    }

    private static int send(int count) throws Exception {
        int accepted = 0;
        try (RelayClient client = RelayClient.connect(server.smtpInboundPort(), Security.PLAIN)) {
            if (!client.login("bench", PASSWORD)) {
                throw new AssertionError(client.authReply());
            }
            for (int i = 0; i < count; i++) {
                accepted += client.send("someone@" + SENDER, null, SIZE, "someone@" + DESTINATION).accepted() ? 1 : 0;
            }
        }
        return accepted;
    }

    /** Until the queue is empty, flushed each second (a message whose attempt failed just before waits for its retry). */
    private static void drain() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        long nextFlush = 0;
        while (held() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not drained in 20 minutes");
            }
            if (System.nanoTime() >= nextFlush) {
                given().post("/hosted-domains/" + DESTINATION + "/queue?action=flush");
                nextFlush = System.nanoTime() + 1_000_000_000L;
            }
            Thread.sleep(20);
        }
    }

    private static void awaitHeld(int messages) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (held() < messages) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the queue of " + DESTINATION + " holds " + held() + ", not " + messages);
            }
            Thread.sleep(50);
        }
    }

    private static int held() {
        Integer held = given().get("/hosted-domains/" + DESTINATION + "/queue?limit=1").then().extract().path("messages");
        return held == null ? 0 : held;
    }

    private static String caFile() {
        try {
            Path directory = Files.createTempDirectory("mta-sts-bench");
            directory.toFile().deleteOnExit();
            return TestCertificates.writePem(CA.certificate(), directory.resolve("ca.pem")).toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
