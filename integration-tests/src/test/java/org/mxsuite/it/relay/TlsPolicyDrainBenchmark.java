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
import org.mxsuite.deliver.tls.dane.TlsaAssociation;
import org.mxsuite.dns.SignedZone;
import org.mxsuite.deliver.tls.TestCertificates.Issued;
import org.mxsuite.it.relay.RelayClient.Security;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.JamesMetrics;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MtaStsPolicyServer;
import org.mxsuite.it.support.MxSuiteServer;

import io.restassured.http.ContentType;

/**
 * The issue's lookup count: relayed mail to one domain, N messages (10,000 by default) accepted while its MX host is
 * down, then drained to it over authenticated TLS; the domain has an enforced MTA-STS policy ({@code bench.mechanism}
 * mta-sts, the default) or its MX host DNSSEC-signed DANE-EE records (dane). Prints the TXT lookups and policy fetches
 * (the shipped {@code delivery.mtaSts.txtCacheTime}, 1m) or the TLSA lookups (their TTL, 60 s) that the whole run made,
 * and the drain rate. Not a test: run by bench/tls-policy-drain.sh; see bench/README.md.
 */
class TlsPolicyDrainBenchmark {
    private static final boolean DANE = "dane".equals(System.getProperty("bench.mechanism", "mta-sts"));
    private static final String SENDER = "sender.example.net";
    private static final String DESTINATION = DANE ? "dane-bench.example" : "sts.example.org";
    private static final String MX = DANE ? "mx-bench.dane.example" : "mx." + DESTINATION;
    private static final String PASSWORD = "relay-password-1";
    private static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
    private static final int SESSIONS = Integer.getInteger("bench.sessions", 4);
    private static final int SIZE = Integer.getInteger("bench.size", 10_240);
    private static final Issued CA = TestCertificates.authority("MTA-STS benchmark CA");
    private static final Issued LEAF = TestCertificates.leaf(CA, MX);
    private static final SignedZone ZONE = signedZone();

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onPort53(records -> {
        records.a(SENDER, "192.0.2.10").mx(DESTINATION, 10, MX);
        if (DANE) {
            records.signed(ZONE);
        } else {
            records.a(MX, "127.0.0.5").txt("_mta-sts." + DESTINATION, "v=STSv1; id=bench1;").a("mta-sts." + DESTINATION, "127.0.0.1");
        }
    });

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of("mxsuite.auth.requiretls", "false",
        "mxsuite.delivery.tls.cafile", caFile(), "mxsuite.delivery.dane.trustanchors", trustAnchorFile(),
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
                .withStartTls(TestCertificates.serverContext(LEAF, CA.certificate())).start()) {
                drain();
                received = mx.messages().size();
                if (!mx.messages().stream().allMatch(message -> message.tls())) {
                    throw new AssertionError("a message went without TLS");
                }
            }
            double drainSeconds = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT, "%d messages of %d bytes relayed to one %s domain: accepted"
                + " in %.1f s while its MX was down, drained over verified TLS in %.1f s (%.0f msg/s), %d received; "
                + "%d TXT lookups, %d policy fetches (%d policy requests served), %d TLSA lookups", MESSAGES, SIZE,
                DANE ? "DANE (DANE-EE)" : "MTA-STS (enforce)", acceptSeconds, drainSeconds,
                MESSAGES / drainSeconds, received, JamesMetrics.count("mxsuite_mta_sts_txt_lookups"),
                JamesMetrics.count("mxsuite_mta_sts_policy_fetches"), policies.requests(DESTINATION),
                JamesMetrics.count("mxsuite_dane_tlsa_lookups")));
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

    /** dane.example signed, its MX host's TLSA naming the leaf's key (3 1 1): DANE-EE, no name or CA involved. */
    private static SignedZone signedZone() {
        try {
            return SignedZone.create("dane.example").a(MX, "127.0.0.5")
                .tlsa(MX, 3, 1, 1, TlsaAssociation.naming(3, 1, 1, LEAF.certificate()).data());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String trustAnchorFile() {
        try {
            Path file = Files.createTempFile("dane-anchor", ".ds");
            file.toFile().deleteOnExit();
            return Files.writeString(file, ZONE.trustAnchor()).toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
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
