package org.mxsuite.it.relay;

import static io.restassured.RestAssured.given;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
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
import org.mxsuite.it.relay.RelayClient.Security;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;

import io.restassured.http.ContentType;

/**
 * Relayed mail with DKIM signing on and off, side by side in one run of one server: rounds alternate between a
 * sender domain with an active RSA 2048 key and one without. Each round: a relay account sends N messages of 10 KB
 * over parallel authenticated SMTP sessions while the destination is down (acceptance: signing happens here, before
 * the mail is held), then the destination comes up and the held mail is flushed (the drain). Prints msg/s and CPU
 * milliseconds per message of the whole process (server, clients and destination alike: the same for both modes but
 * for what signing adds). Not a test: run by bench/dkim-relay.sh; see bench/README.md.
 */
class DkimDrainBenchmark {
    private static final String SIGNED = "signed.example.net";
    private static final String PLAIN = "plain.example.net";
    private static final String DESTINATION = "customer.example.org";
    private static final String PASSWORD = "relay-password-1";
    private static final int MESSAGES = Integer.getInteger("bench.messages", 2000);
    private static final int SESSIONS = Integer.getInteger("bench.sessions", 4);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int SIZE = Integer.getInteger("bench.size", 10_240);

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onPort53(records -> records
        .mx(DESTINATION, 10, "mx." + DESTINATION).a("mx." + DESTINATION, "127.0.0.5")
        .a(SIGNED, "192.0.2.10").a(PLAIN, "192.0.2.11"));

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of("mxsuite.auth.requiretls", "false"));

    @Test
    void signingOnAndOff() throws Exception {
        given().contentType(ContentType.JSON).body("{\"password\":\"" + PASSWORD + "\",\"domains\":[\"" + SIGNED + "\",\"" + PLAIN
            + "\"],\"dailyLimit\":10000000}").put("/relay-accounts/bench").then().statusCode(201);
        String selector = given().body("{\"algorithm\":\"rsa\"}").post("/hosted-domains/" + SIGNED + "/dkim")
            .then().statusCode(201).extract().path("keys[0].selector");
        given().post("/hosted-domains/" + SIGNED + "/dkim/" + selector + "/activate").then().statusCode(200);

        // warm-up: the JIT compiles both paths before anything is measured
        round(PLAIN, Math.min(MESSAGES, 500));
        round(SIGNED, Math.min(MESSAGES, 500));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%d messages of %d bytes per round, %d sessions, %d cores", MESSAGES, SIZE, SESSIONS,
            Runtime.getRuntime().availableProcessors()));
        lines.add("| round | signing | accepted msg/s | CPU ms/msg (accept) | drained msg/s | CPU ms/msg (drain) |");
        lines.add("|---:|---|---:|---:|---:|---:|");
        for (int i = 1; i <= ROUNDS; i++) {
            for (String domain : List.of(PLAIN, SIGNED)) {
                double[] figures = round(domain, MESSAGES);
                lines.add(String.format(Locale.ROOT, "| %d | %s | %.0f | %.2f | %.0f | %.2f |", i, domain.equals(SIGNED) ? "on (RSA 2048)" : "off",
                    figures[0], figures[1], figures[2], figures[3]));
            }
        }
        lines.forEach(System.out::println);
    }

    /** Accepted msg/s, CPU ms per message while accepting, drained msg/s, CPU ms per message while draining. */
    private static double[] round(String domain, int messages) throws Exception {
        long cpu = cpuNanos();
        long start = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(SESSIONS);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int share = messages / SESSIONS + (s < messages % SESSIONS ? 1 : 0);
            sent.add(senders.submit(() -> send(domain, share)));
        }
        int accepted = 0;
        for (Future<Integer> session : sent) {
            accepted += session.get();
        }
        senders.shutdown();
        double acceptSeconds = (System.nanoTime() - start) / 1e9;
        double acceptCpu = (cpuNanos() - cpu) / 1e6 / messages;
        if (accepted != messages) {
            throw new AssertionError(accepted + " of " + messages + " accepted");
        }
        awaitQueue(held -> held >= messages);

        cpu = cpuNanos();
        start = System.nanoTime();
        double drainSeconds;
        double drainCpu;
        try (CustomerSmtpServer destination = new CustomerSmtpServer(InetAddress.getByName("127.0.0.5"), 25).start()) {
            // drained: the queue empty again. Flushed again each second: a message whose attempt failed just before the
            // destination came up waits for its retry otherwise
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            long nextFlush = 0;
            while (held() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not drained in 10 minutes");
                }
                if (System.nanoTime() >= nextFlush) {
                    given().post("/hosted-domains/" + DESTINATION + "/queue?action=flush");
                    nextFlush = System.nanoTime() + 1_000_000_000L;
                }
                Thread.sleep(20);
            }
            drainSeconds = (System.nanoTime() - start) / 1e9;
            drainCpu = (cpuNanos() - cpu) / 1e6 / messages;
            if (destination.messages().get(0).contentAsString().contains("DKIM-Signature") != domain.equals(SIGNED)) {
                throw new AssertionError("signed when it should not be, or the other way round");
            }
        }
        return new double[] {messages / acceptSeconds, acceptCpu, messages / drainSeconds, drainCpu};
    }

    private static int send(String domain, int count) throws Exception {
        int accepted = 0;
        try (RelayClient client = RelayClient.connect(server.smtpInboundPort(), Security.PLAIN)) {
            if (!client.login("bench", PASSWORD)) {
                throw new AssertionError(client.authReply());
            }
            for (int i = 0; i < count; i++) {
                accepted += client.send("sender@" + domain, null, SIZE, "someone@" + DESTINATION).accepted() ? 1 : 0;
            }
        }
        return accepted;
    }

    /** Until the count of held messages is as expected (a hold or a removal may end after the SMTP reply). */
    private static void awaitQueue(java.util.function.IntPredicate expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (expected.test(held())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the queue of " + DESTINATION + " did not reach the expected count");
    }

    private static int held() {
        Integer held = given().get("/hosted-domains/" + DESTINATION + "/queue?limit=1").then().extract().path("messages");
        return held == null ? 0 : held;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
