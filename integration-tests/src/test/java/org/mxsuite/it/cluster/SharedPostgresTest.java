package org.mxsuite.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.LaunchedServer;
import org.mxsuite.it.support.PostgresState;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.TwoNodes;
import org.mxsuite.state.PostgresStateStoreExtension;

import io.restassured.http.ContentType;

/**
 * Two MX Suite nodes ({@code ./mxsuite start} twice, two JVMs) on one PostgreSQL state store: one registry of
 * hosted domains, one hold queue, and no held message delivered twice while both drain the same domain.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(LaunchedServer.LOCK)
class SharedPostgresTest {
    private static final String DOMAIN = "customer.example";
    private static final Pattern SUBJECT = Pattern.compile("(?m)^Subject: (.*?)\\r?$");
    private static final int MESSAGES = 200;

    @RegisterExtension
    static TwoNodes cluster = TwoNodes.shared();

    /** The nodes of a test that kills one: launched by it, on a schema of its own. */
    private String schema;
    private LaunchedServer nodeA;
    private LaunchedServer nodeB;
    private CustomerSmtpServer customer;

    @BeforeEach
    void setUp() throws Exception {
        customer = new CustomerSmtpServer().start();
        customer.stop();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeA, nodeB, customer}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (schema != null) {
            PostgresStateStoreExtension.dropSchema(schema);
        }
        cluster.removeDomains(DOMAIN, "sender.example");
    }

    @Test
    void twoNodesShareTheRegistryAndDrainOneDomainWithoutDeliveringAnyMessageTwice() throws Exception {
        LaunchedServer nodeA = cluster.nodeA();
        LaunchedServer nodeB = cluster.nodeB();
        hostBackupDomain(nodeA, nodeB);
        nodeB.webAdmin().get("/hosted-domains/" + DOMAIN).then().statusCode(200).body("service", equalTo("backup"));

        sendMessages("shared-", nodeA, nodeB);
        awaitHeld(nodeB, MESSAGES);

        customer.start();
        customer.awaitMessages(MESSAGES, Duration.ofSeconds(60));
        // a message delivered twice would arrive right behind the first copy: give it time to show
        Thread.sleep(2000);

        List<String> subjects = customer.messages().stream().map(SharedPostgresTest::subject).collect(Collectors.toList());
        assertThat(subjects).hasSize(MESSAGES).doesNotHaveDuplicates();
        awaitHeld(nodeA, 0);
        awaitHeld(nodeB, 0);
    }

    /**
     * A lease of 5 s, renewed while the node runs, and batches that take 12 s at this customer's pace (30 messages,
     * 400 ms each): a node keeps the mail it claimed for as long as it delivers it (without the renewal, the other
     * node claims it again after 5 s and delivers it too: 40 to 60 messages twice by the kill), and when a node dies,
     * what it had claimed goes out through the other node once its lease expires (before, leases lasted 10 minutes).
     */
    @Test
    void aNodeKeepsItsLeasesWhileItDeliversAndWhatADeadNodeClaimedGoesOutThroughTheOther() throws Exception {
        nodeA = new LaunchedServer(node("node-a.test"));
        nodeB = new LaunchedServer(node("node-b.test"));
        nodeA.start();
        nodeB.start();
        hostBackupDomain(nodeA, nodeB);
        sendMessages("lease-", nodeA);
        awaitHeld(nodeB, MESSAGES);

        customer.delayDataReply(Duration.ofMillis(400)).start();
        Instant started = Instant.now();
        // two leases: without renewal the other node would have been delivering the same mail for 5 s by now
        Thread.sleep(10_000);
        Map<String, Long> byNode = customer.messages().stream()
            .collect(Collectors.groupingBy(ReceivedMessage::heloName, Collectors.counting()));
        boolean aDeliveredMore = byNode.getOrDefault("node-a.test", 0L) >= byNode.getOrDefault("node-b.test", 0L);
        LaunchedServer victim = aDeliveredMore ? nodeA : nodeB;
        LaunchedServer survivor = aDeliveredMore ? nodeB : nodeA;
        int beforeKill = customer.messages().size();
        assertThat(victim.kill()).as("SIGKILL").isEqualTo(137);
        Instant killed = Instant.now();

        Instant deadline = killed.plusSeconds(90);
        while (distinctSubjects() < MESSAGES && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Duration afterKill = Duration.between(killed, Instant.now());
        Thread.sleep(2000);
        List<String> subjects = customer.messages().stream().map(SharedPostgresTest::subject).collect(Collectors.toList());
        long twice = subjects.size() - subjects.stream().distinct().count();
        System.out.println("SharedPostgresTest: by node after " + Duration.between(started, killed).toMillis() + " ms "
            + byNode + ", " + beforeKill + " delivered at the kill, the rest within " + afterKill.toMillis()
            + " ms after it, " + twice + " delivered twice");
        assertThat(subjects.stream().distinct().count()).as("distinct messages delivered").isEqualTo(MESSAGES);
        assertThat(beforeKill).as("killed in the middle of the drain").isLessThan(MESSAGES);
        assertThat(twice).as("delivered twice: at most the victim's two per connection").isLessThanOrEqualTo(2L * 8);
        awaitHeld(survivor, 0);
    }

    /**
     * Both nodes' housekeeping (every second here) finds the same aged messages: each message is claimed before its
     * sender is warned, and read again once claimed, so a warning goes out once. Without the second read, a node
     * whose list was read before the other node warned warned again (the list is a moment old).
     */
    @Test
    void twoNodesWarnEachSenderOfTheDelayOnce() throws Exception {
        // the cluster's housekeeping runs every second (TwoNodes)
        LaunchedServer nodeA = cluster.nodeA();
        LaunchedServer nodeB = cluster.nodeB();
        try (CustomerSmtpServer senders = new CustomerSmtpServer().start()) {
            hostBackupDomain(nodeA, nodeB);
            nodeA.webAdmin().contentType(ContentType.JSON)
                .body("{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + senders.port() + "\"}")
                .put("/hosted-domains/sender.example").then().statusCode(204);
            TwoNodes.awaitHosted(nodeB, "sender.example");
            sendMessages("late-", nodeA, nodeB);
            awaitHeld(nodeA, MESSAGES);

            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(PostgresStateStoreExtension.URL,
                     PostgresStateStoreExtension.USER, PostgresStateStoreExtension.PASSWORD);
                 java.sql.Statement update = connection.createStatement()) {
                update.executeUpdate("UPDATE " + cluster.schema() + ".held_message SET received_at = received_at - "
                    + Duration.ofHours(5).toMillis() + " WHERE domain = '" + DOMAIN + "'");
            }

            List<ReceivedMessage> warnings = senders.awaitMessages(MESSAGES, Duration.ofSeconds(60));
            Thread.sleep(3000);
            // the original headers are in the report: the subject of the message each warning is about
            Pattern original = Pattern.compile("(?m)^Subject: (late-\\d+)\\r?$");
            List<String> warned = senders.messages().stream().map(warning -> original.matcher(warning.contentAsString()))
                .map(matcher -> matcher.find() ? matcher.group(1) : "").collect(Collectors.toList());
            assertThat(warnings).allSatisfy(warning -> assertThat(warning.contentAsString()).contains("Action: delayed"));
            assertThat(warned).hasSize(MESSAGES).doesNotHaveDuplicates();
        }
    }

    /** The domain as a backup domain of the customer's server, set up through {@code node}'s WebAdmin. */
    private void hostBackupDomain(LaunchedServer node, LaunchedServer other) throws InterruptedException {
        node.webAdmin().contentType(ContentType.JSON)
            .body("{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"retryInterval\":\"10m\"}")
            .put("/hosted-domains/" + DOMAIN).then().statusCode(204);
        TwoNodes.awaitHosted(other, DOMAIN);
    }

    /** {@code MESSAGES} messages with subjects {@code prefix0, prefix1...}, sent to the nodes in turn. */
    private static void sendMessages(String prefix, LaunchedServer... nodes) throws java.io.IOException {
        for (int i = 0; i < MESSAGES; i++) {
            Smtp sent = Smtp.send(nodes[i % nodes.length].smtpPort(), "alice@sender.example",
                Smtp.message("alice@sender.example", "bob@" + DOMAIN, prefix + i, "x"), "bob@" + DOMAIN);
            assertThat(sent.accepted()).as(sent.toString()).isTrue();
        }
    }

    /** A node of this test's own, on the test's own schema. */
    private Map<String, String> node(String heloName) {
        if (schema == null) {
            PostgresState.assumeReachable();
            schema = PostgresStateStoreExtension.newSchemaName();
        }
        Map<String, String> environment = new java.util.HashMap<>(PostgresState.inSchema(schema));
        environment.put("MXSUITE_DELIVERY_HELONAME", heloName);
        environment.put("MXSUITE_DELIVERY_LEASE", "5s");
        environment.put("MXSUITE_DELIVERY_BATCHSIZE", "30");
        return environment;
    }

    private long distinctSubjects() {
        return customer.messages().stream().map(SharedPostgresTest::subject).distinct().count();
    }

    private static void awaitHeld(LaunchedServer node, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        Object held = null;
        while (Instant.now().isBefore(deadline)) {
            held = node.webAdmin().get("/hosted-domains/" + DOMAIN + "/queue").jsonPath().get("messages");
            if (Integer.valueOf(count).equals(held)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the shared queue holds " + held + " messages, expected " + count);
    }

    private static String subject(ReceivedMessage message) {
        Matcher matcher = SUBJECT.matcher(message.contentAsString());
        return matcher.find() ? matcher.group(1) : "";
    }
}
