package org.mxsuite.it.deliver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.HostedDomains.removeAllDomains;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.TrustAllTls;

import io.restassured.http.ContentType;

/**
 * Which DSNs go to the senders of mail a backup domain accepted from anyone (docs/backup-mx.md, "Backscatter"): a
 * real DNS server on 127.0.0.1:53 gives the senders' SPF and MX records (the test client is 127.0.0.1), a real SMTP
 * server on 127.0.0.6:25 is the senders' MX, where DSNs arrive, and the customer's server refuses one recipient.
 */
class BackscatterTest {
    private static final String DOMAIN = "customer.example";
    private static final String GONE = "gone@" + DOMAIN;

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onPort53(records -> records
        .mx("genuine.example", 10, "mx.senders.example").txt("genuine.example", "v=spf1 ip4:127.0.0.1 -all")
        .mx("forged.example.net", 10, "mx.senders.example").txt("forged.example.net", "v=spf1 ip4:192.0.2.1 -all")
        .a("mx.senders.example", "127.0.0.6"));

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of("mxsuite.dns.timeout", "1s"));

    private CustomerSmtpServer customer;
    private CustomerSmtpServer sendersMx;

    @BeforeEach
    void setUp() throws Exception {
        customer = new CustomerSmtpServer().start().rejectRecipient(GONE, "550 5.1.1 no such user");
        sendersMx = new CustomerSmtpServer(InetAddress.getByName("127.0.0.6"), 25).start();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + customer.port() + "\"}");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (customer != null) {
            customer.close();
            sendersMx.close();
            removeAllDomains();
        }
    }

    @Test
    void aBounceGoesOnlyToASenderWhoseSpfAllowsTheClient() throws Exception {
        // 127.0.0.1 is not forged.example.net's: the report would go to whoever's address the sender wrote
        assertThat(Smtp.send(server.smtpInboundPort(), "victim@forged.example.net",
            Smtp.message("victim@forged.example.net", GONE, "forged", "x"), GONE).accepted()).isTrue();
        awaitHeld(DOMAIN, 0);
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@genuine.example",
            Smtp.message("alice@genuine.example", GONE, "genuine", "x"), GONE).accepted()).isTrue();

        ReceivedMessage bounce = sendersMx.awaitMessages(1, Duration.ofSeconds(15)).get(0);
        assertThat(bounce.recipients()).containsExactly("alice@genuine.example");
        assertThat(bounce.contentAsString()).contains("Final-Recipient: rfc822; " + GONE, "Status: 5.1.1");
        Thread.sleep(1500);
        assertThat(sendersMx.messages()).extracting(ReceivedMessage::recipients).containsExactly(List.of("alice@genuine.example"));
    }

    @Test
    void noBounceGoesToASenderDomainWithoutMxOrAddress() throws Exception {
        assertThat(Smtp.send(server.smtpInboundPort(), "someone@nowhere.example",
            Smtp.message("someone@nowhere.example", GONE, "nowhere", "x"), GONE).accepted()).isTrue();
        awaitHeld(DOMAIN, 0);

        Thread.sleep(1500);
        // a DSN would wait here for nowhere.example's MX, which does not exist
        given().get("/hosted-domains/nowhere.example/queue").then().statusCode(404);
    }

    @Test
    void aLoggedInClientGetsItsBouncesWhateverSpfSays() throws Exception {
        given().contentType(ContentType.JSON).body("{\"password\":\"relay-password-1\",\"domains\":[\"forged.example.net\"]}")
            .put("/relay-accounts/acme").then().statusCode(201);
        try {
            AuthenticatingSMTPClient client = new AuthenticatingSMTPClient(true, TrustAllTls.context());
            client.connect("127.0.0.1", server.smtpsPort());
            try {
                client.ehlo("client.test");
                assertThat(client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, "acme", "relay-password-1")).isTrue();
                assertThat(client.setSender("bob@forged.example.net")).as(client.getReplyString()).isTrue();
                assertThat(client.addRecipient(GONE)).as(client.getReplyString()).isTrue();
                assertThat(client.sendShortMessageData(Smtp.message("bob@forged.example.net", GONE, "logged in", "x"))).isTrue();
            } finally {
                client.disconnect();
            }

            assertThat(sendersMx.awaitMessages(1, Duration.ofSeconds(15)).get(0).recipients()).containsExactly("bob@forged.example.net");
        } finally {
            given().post("/relay-accounts/acme/quota?action=reset");
            given().delete("/relay-accounts/acme");
        }
    }

    private static void awaitHeld(String domain, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (given().get("/hosted-domains/" + domain + "/queue").jsonPath().getInt("messages") != count) {
            assertThat(Instant.now()).as("%s holds %s messages", domain, count).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
