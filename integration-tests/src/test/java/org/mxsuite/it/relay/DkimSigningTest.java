package org.mxsuite.it.relay;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.dkim.IndependentDkimVerifier;
import org.mxsuite.it.relay.RelayClient.Security;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.ReceivedMessage;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Relayed mail signed end to end: keys made over WebAdmin, their records published on a real DNS server on
 * 127.0.0.1:53, mail sent by a relay account with a real SMTP client and delivered to a real SMTP server on
 * 127.0.0.5:25, where dkimpy (not our code) verifies it with the keys that DNS server serves.
 */
class DkimSigningTest {
    private static final String SIGNED = "shop.example.net";
    private static final String UNSIGNED = "plain.example.net";
    private static final String OUTSIDE = "friend@customer.example.org";
    private static final String PASSWORD = "relay-password-1";

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onPort53(records -> records
        .mx("customer.example.org", 10, "mx.customer.example.org").a("mx.customer.example.org", "127.0.0.5")
        // the relay's sender verification wants the senders' domains to exist
        .a(SIGNED, "192.0.2.10").a(UNSIGNED, "192.0.2.11"));

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of("mxsuite.auth.requiretls", "false"));

    private CustomerSmtpServer outside;

    @BeforeEach
    void setUp() throws Exception {
        outside = new CustomerSmtpServer(InetAddress.getByName("127.0.0.5"), 25).start();
        given().contentType(ContentType.JSON).body("{\"password\":\"" + PASSWORD + "\",\"domains\":[\"" + SIGNED + "\",\"" + UNSIGNED + "\"]}")
            .put("/relay-accounts/acme").then().statusCode(201);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (outside != null) {
            outside.close();
            given().post("/relay-accounts/acme/quota?action=reset");
            given().delete("/relay-accounts/acme");
        }
    }

    @Test
    void relayedMailIsSignedWithBothKeysOnceDnsServesThemAndDkimpyVerifiesIt() throws Exception {
        JsonPath created = given().body("{\"algorithm\":\"both\"}").post("/hosted-domains/" + SIGNED + "/dkim")
            .then().statusCode(201).extract().jsonPath();
        List<Map<String, String>> records = created.getList("keys.record");
        assertThat(records).hasSize(2);
        for (Map<String, String> record : records) {
            dns.add(zone -> zone.txt(record.get("name"), record.get("value")));
        }
        given().get("/hosted-domains/" + SIGNED + "/dkim").then().statusCode(200)
            .body("keys.state", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("active")))
            .body("keys.servedByDns", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo(true)));

        try (RelayClient client = RelayClient.connect(server.smtpSubmissionPort(), Security.STARTTLS)) {
            assertThat(client.login("acme", PASSWORD)).as(client.authReply()).isTrue();
            assertThat(client.send("alice@" + SIGNED, null, 10_000, OUTSIDE).accepted()).as(client.dataReply()).isTrue();
            assertThat(client.send("bob@" + UNSIGNED, null, 3_000, OUTSIDE).accepted()).as(client.dataReply()).isTrue();
        }
        List<ReceivedMessage> received = outside.awaitMessages(2, Duration.ofSeconds(15));
        ReceivedMessage signed = received.stream().filter(message -> message.sender().endsWith(SIGNED)).findFirst().orElseThrow();
        ReceivedMessage unsigned = received.stream().filter(message -> message.sender().endsWith(UNSIGNED)).findFirst().orElseThrow();

        IndependentDkimVerifier.Verdict verdict = IndependentDkimVerifier.withDnsServer(signed.content(), "127.0.0.1:53");
        assertThat(verdict.output).as(signed.contentAsString()).contains("2 of 2 signatures pass");
        assertThat(signed.contentAsString()).contains("a=rsa-sha256").contains("a=ed25519-sha256");

        byte[] altered = signed.contentAsString().replaceFirst("xxxx\r\n", "xxxy\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(IndependentDkimVerifier.withDnsServer(altered, "127.0.0.1:53").output).contains("0 of 2 signatures pass");

        assertThat(unsigned.contentAsString()).doesNotContainIgnoringCase("DKIM-Signature");
    }
}
