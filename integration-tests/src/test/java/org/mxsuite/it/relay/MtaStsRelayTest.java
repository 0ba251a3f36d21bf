package org.mxsuite.it.relay;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.deliver.tls.TestCertificates;
import org.mxsuite.deliver.tls.TestCertificates.Issued;
import org.mxsuite.it.relay.RelayClient.Security;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MtaStsPolicyServer;
import org.mxsuite.it.support.MxSuiteServer;

import io.restassured.http.ContentType;

/**
 * Relayed mail (a relay account's, to domains this server does not host) is delivered by MX lookup, so the recipient
 * domain's MTA-STS policy applies to it as to a backup domain's mail: over verified TLS to a listed MX host, held with
 * 451 4.7.5 for one the policy does not list. Ports 25, 53 and 443 need root: elsewhere the class is skipped.
 */
class MtaStsRelayTest {
    private static final String SENDER = "shop.example.net";
    private static final String ENFORCED = "enforced.example.org";
    private static final String UNLISTED = "unlisted.example.org";
    private static final String PASSWORD = "relay-password-1";
    private static final Issued CA = TestCertificates.authority("MTA-STS relay test CA");

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onPort53(records -> {
        records.mx(SENDER, 10, "mx." + SENDER).a("mx." + SENDER, "192.0.2.10");
        for (String domain : List.of(ENFORCED, UNLISTED)) {
            records.mx(domain, 10, "mx." + domain).a("mx." + domain, "127.0.0.5")
                .txt("_mta-sts." + domain, "v=STSv1; id=relay1;").a("mta-sts." + domain, "127.0.0.1");
        }
    });

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of("mxsuite.auth.requiretls", "false", "mxsuite.dns.timeout", "1s",
        "mxsuite.delivery.tls.cafile", caFile()));

    private static MtaStsPolicyServer policies;
    private static CustomerSmtpServer mx;

    @BeforeAll
    static void startPeers() {
        try {
            policies = MtaStsPolicyServer.onPort443(TestCertificates.serverContext(
                TestCertificates.leaf(CA, "mta-sts." + ENFORCED, "mta-sts." + UNLISTED), CA.certificate()));
            mx = new CustomerSmtpServer(InetAddress.getByName("127.0.0.5"), 25).withStartTls(TestCertificates.serverContext(
                TestCertificates.leaf(CA, "mx." + ENFORCED, "mx." + UNLISTED), CA.certificate())).start();
        } catch (IOException e) {
            stopPeers();
            Assumptions.assumeTrue(false, "skipped: the policy host (127.0.0.1:443) and the MX host (127.0.0.5:25) need root ("
                + e.getMessage() + ")");
        }
        policies.serve(ENFORCED, "version: STSv1\nmode: enforce\nmx: mx." + ENFORCED + "\nmax_age: 86400\n");
        policies.serve(UNLISTED, "version: STSv1\nmode: enforce\nmx: mx.elsewhere.example.org\nmax_age: 86400\n");
    }

    @AfterAll
    static void stopPeers() {
        if (policies != null) {
            policies.close();
        }
        if (mx != null) {
            mx.close();
        }
    }

    @BeforeEach
    void setUp() {
        mx.clearMessages();
        given().contentType(ContentType.JSON).body("{\"password\":\"" + PASSWORD + "\",\"domains\":[\"" + SENDER + "\"]}")
            .put("/relay-accounts/acme").then().statusCode(201);
    }

    @AfterEach
    void tearDown() {
        given().post("/relay-accounts/acme/quota?action=reset");
        given().delete("/relay-accounts/acme");
        List<String> held = given().get("/hosted-domains/" + UNLISTED + "/queue").jsonPath().getList("items.id");
        for (String id : held == null ? List.<String>of() : held) {
            given().delete("/hosted-domains/" + UNLISTED + "/queue/" + id);
        }
    }

    @Test
    void relayedMailGoesToAListedMxHostOverVerifiedTls() throws Exception {
        relay("bob@" + ENFORCED);

        assertThat(mx.awaitMessages(1, Duration.ofSeconds(15)).get(0).tls()).isTrue();
    }

    @Test
    void relayedMailForAnMxHostThePolicyDoesNotListIsHeld() throws Exception {
        relay("bob@" + UNLISTED);

        Instant deadline = Instant.now().plusSeconds(15);
        while (Optional.ofNullable(given().get("/hosted-domains/" + UNLISTED + "/queue").jsonPath().<Integer>get("items[0].attempts"))
            .orElse(0) < 1) {
            assertThat(Instant.now()).as("a first attempt").isBefore(deadline);
            Thread.sleep(100);
        }
        given().get("/hosted-domains/" + UNLISTED + "/queue").then()
            .body("messages", equalTo(1))
            .body("items[0].lastReply", allOf(containsString("451 4.7.5"),
                containsString("MX host mx." + UNLISTED + " is not listed in the MTA-STS policy of " + UNLISTED)));
        assertThat(mx.messages()).isEmpty();
    }

    private static void relay(String recipient) throws Exception {
        try (RelayClient client = RelayClient.connect(server.smtpInboundPort(), Security.PLAIN)) {
            assertThat(client.login("acme", PASSWORD)).as(client.authReply()).isTrue();
            assertThat(client.send("someone@" + SENDER, null, 2000, recipient).accepted()).isTrue();
        }
    }

    private static String caFile() {
        try {
            Path directory = Files.createTempDirectory("mta-sts-relay");
            directory.toFile().deleteOnExit();
            return TestCertificates.writePem(CA.certificate(), directory.resolve("ca.pem")).toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
