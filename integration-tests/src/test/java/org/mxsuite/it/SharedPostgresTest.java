package org.mxsuite.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.it.smtp.CustomerSmtpServer;
import org.mxsuite.it.smtp.ReceivedMessage;
import org.mxsuite.state.PostgresStateStoreExtension;

import io.restassured.http.ContentType;

/**
 * Two MX Suite nodes ({@code ./mxsuite start} twice, two JVMs) on one PostgreSQL state store: one registry of
 * hosted domains, one hold queue, and no held message delivered twice while both drain the same domain.
 */
class SharedPostgresTest {
    private static final String DOMAIN = "customer.example";
    private static final Pattern SUBJECT = Pattern.compile("(?m)^Subject: (.*?)\\r?$");
    private static final int MESSAGES = 200;

    private String schema;
    private LaunchedServer nodeA;
    private LaunchedServer nodeB;
    private CustomerSmtpServer customer;

    @BeforeEach
    void setUp() throws Exception {
        Optional<String> unreachable = PostgresStateStoreExtension.unreachableReason();
        if (unreachable.isPresent() && Boolean.parseBoolean(System.getenv("MXSUITE_REQUIRE_POSTGRES"))) {
            throw new IllegalStateException("MXSUITE_REQUIRE_POSTGRES is set but " + unreachable.get());
        }
        Assumptions.assumeTrue(unreachable.isEmpty(), () -> "skipped: " + unreachable.orElse(""));
        schema = PostgresStateStoreExtension.newSchemaName();
        Map<String, String> shared = Map.of(
            "MXSUITE_STATE_BACKEND", "postgresql",
            "MXSUITE_STATE_POSTGRESQL_URL", PostgresStateStoreExtension.URL,
            "MXSUITE_STATE_POSTGRESQL_USER", PostgresStateStoreExtension.USER,
            "MXSUITE_STATE_POSTGRESQL_PASSWORD", PostgresStateStoreExtension.PASSWORD,
            "MXSUITE_STATE_POSTGRESQL_SCHEMA", schema);
        nodeA = new LaunchedServer(shared);
        nodeB = new LaunchedServer(shared);
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
    }

    @Test
    void twoNodesShareTheRegistryAndDrainOneDomainWithoutDeliveringAnyMessageTwice() throws Exception {
        nodeA.start();
        nodeB.start();
        nodeA.webAdmin().contentType(ContentType.JSON)
            .body("{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"retryInterval\":\"10m\"}")
            .put("/hosted-domains/" + DOMAIN).then().statusCode(204);
        nodeB.webAdmin().get("/hosted-domains/" + DOMAIN).then().statusCode(200).body("service", equalTo("backup"));

        for (int i = 0; i < MESSAGES; i++) {
            LaunchedServer node = i % 2 == 0 ? nodeA : nodeB;
            Smtp sent = Smtp.send(node.smtpPort(), "alice@sender.example",
                Smtp.message("alice@sender.example", "bob@" + DOMAIN, "shared-" + i, "x"), "bob@" + DOMAIN);
            assertThat(sent.accepted()).as(sent.toString()).isTrue();
        }
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
