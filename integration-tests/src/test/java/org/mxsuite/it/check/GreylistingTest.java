package org.mxsuite.it.check;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.HostedDomains.removeAllDomains;
import static org.mxsuite.it.support.Users.putUser;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.TraceSearch;
import org.mxsuite.testing.MutableClock;

/**
 * Greylisting end to end: a real SMTP client, the in-process server with greylisting on, its clock moved by the test,
 * and a real SMTP server as the relay domain's destination.
 */
class GreylistingTest {
    private static final String DOMAIN = "greylisted.example";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer(Map.of("mxsuite.checks.greylisting.enabled", "true"), CLOCK);

    private CustomerSmtpServer customer;
    private int senders;

    @BeforeEach
    void setUp() throws Exception {
        try (Connection connection = server.stateConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM greylist_triplet");
            statement.execute("DELETE FROM greylist_network");
            statement.execute("DELETE FROM greylist_allow");
        }
        // past what the server keeps in memory about networks (a minute)
        CLOCK.advance(Duration.ofHours(1));
        customer = new CustomerSmtpServer().start();
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\"}");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        customer.close();
        removeAllDomains();
    }

    @Test
    void aNewTripletIsDeferredUntilTheDelayHasPassed() throws Exception {
        String sender = newSender();

        Smtp first = send(sender, "bob@" + DOMAIN);
        assertThat(first.accepted()).isFalse();
        assertThat(first.rcptReply(0)).startsWith("450 4.7.1").contains("greylisted", "try again in 300 seconds");
        // in the delivery trace: a refusal with the reply given, at the server's time
        Map<String, Object> refused = TraceSearch.await(Map.of("sender", sender, "outcome", "refused"), 1).get(0);
        assertThat(refused).containsEntry("domain", DOMAIN).containsEntry("recipient", "bob@" + DOMAIN)
            .containsEntry("reply", first.rcptReply(0)).containsEntry("at", CLOCK.instant().toString()).containsKey("client");

        CLOCK.advance(Duration.ofMinutes(2));
        Smtp early = send(sender, "bob@" + DOMAIN);
        assertThat(early.rcptReply(0)).startsWith("450 4.7.1").contains("try again in 180 seconds");

        CLOCK.advance(Duration.ofMinutes(3).plusSeconds(1));
        Smtp retried = send(sender, "bob@" + DOMAIN);
        assertThat(retried.accepted()).as(retried.toString()).isTrue();
        assertThat(customer.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);

        assertThat(send(sender, "bob@" + DOMAIN).accepted()).as("a passed triplet passes at once").isTrue();
        given().get("/greylist/stats").then().statusCode(200)
            .body("triplets", equalTo(1)).body("passed", equalTo(1)).body("deferred", equalTo(0));
    }

    @Test
    void eachRecipientIsDecidedOnItsOwn() throws Exception {
        String sender = newSender();
        send(sender, "known@" + DOMAIN);
        CLOCK.advance(Duration.ofMinutes(6));

        Smtp mixed = send(sender, "known@" + DOMAIN, "new@" + DOMAIN);

        assertThat(mixed.rcptReply(0)).startsWith("250");
        assertThat(mixed.rcptReply(1)).startsWith("450 4.7.1");
        assertThat(mixed.accepted()).as("the greylisted recipient does not drop the other").isTrue();
    }

    @Test
    void aForwardDomainIsGreylistedBeforeAnythingIsForwarded() throws Exception {
        putDomain("forwarded.example", "{\"service\":\"forward\",\"forwardTo\":\"owner@elsewhere.example\"}");

        Smtp first = send(newSender(), "anyone@forwarded.example");

        assertThat(first.rcptReply(0)).startsWith("450 4.7.1");
        assertThat(first.accepted()).isFalse();
    }

    @Test
    void aRecipientTheDomainRefusesIsRefusedAtOnceNotGreylisted() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"recipients\":[\"bob\"]}");

        Smtp sent = send(newSender(), "mallory@" + DOMAIN, "bob@" + DOMAIN);

        assertThat(sent.rcptReply(0)).startsWith("550 5.1.1");
        assertThat(sent.rcptReply(1)).startsWith("450 4.7.1");
    }

    @Test
    void theNullSenderIsGreylistedLikeAnyOther() throws Exception {
        Smtp bounce = Smtp.send(server.smtpInboundPort(), "", Smtp.message("mailer-daemon@x.example", "bob@" + DOMAIN, "bounce", "x"),
            "bob@" + DOMAIN);
        assertThat(bounce.rcptReply(0)).startsWith("450 4.7.1");
    }

    @Test
    void aNetworkThatPassedFiveTimesSkipsGreylisting() throws Exception {
        String[] five = {newSender(), newSender(), newSender(), newSender(), newSender()};
        for (String sender : five) {
            send(sender, "bob@" + DOMAIN);
        }
        CLOCK.advance(Duration.ofMinutes(6));
        for (String sender : five) {
            assertThat(send(sender, "bob@" + DOMAIN).accepted()).isTrue();
        }

        assertThat(send(newSender(), "someone-else@" + DOMAIN).accepted()).as("auto-allowed network").isTrue();
        given().get("/greylist/stats").then().body("autoAllowed", equalTo(1));
    }

    @Test
    void anAllowListedClientAndADomainThatOptsOutAreNotGreylisted() throws Exception {
        given().put("/greylist/allow/clients/127.0.0.0/8").then().statusCode(204);
        given().get("/greylist/allow/clients").then().statusCode(200).body("added", contains("127.0.0.0/8"));
        assertThat(send(newSender(), "bob@" + DOMAIN).accepted()).isTrue();

        given().delete("/greylist/allow/clients/127.0.0.0%2F8").then().statusCode(204);
        given().delete("/greylist/allow/clients/127.0.0.0/8").then().statusCode(404);
        assertThat(send(newSender(), "bob@" + DOMAIN).rcptReply(0)).startsWith("450 4.7.1");

        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"greylisting\":false}");
        assertThat(send(newSender(), "bob@" + DOMAIN).accepted()).isTrue();
    }

    @Test
    void allowListEntriesAreValidated() {
        given().put("/greylist/allow/clients/not-a-network").then().statusCode(400);
        given().put("/greylist/allow/recipients/nobody").then().statusCode(400);
        given().put("/greylist/allow/colours/red").then().statusCode(404);
        given().put("/greylist/allow/senderDomains/Partner.Example").then().statusCode(204);
        given().get("/greylist/allow").then().statusCode(200).body("senderDomains.added", contains("partner.example"));
    }

    @Test
    void anAuthenticatedClientIsNeverGreylisted() throws Exception {
        given().put("/domains/auth.example").then().statusCode(204);
        putUser("alice@auth.example", "s3cret-pass");
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient("TLS", true);
        smtp.setTrustManager(org.apache.commons.net.util.TrustManagerUtils.getAcceptAllTrustManager());
        smtp.connect("127.0.0.1", server.smtpsPort());
        try {
            smtp.ehlo("client.example");
            assertThat(smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, "alice@auth.example", "s3cret-pass")).isTrue();
            assertThat(smtp.setSender("alice@auth.example")).isTrue();
            assertThat(smtp.addRecipient("bob@" + DOMAIN)).as(smtp.getReplyString()).isTrue();
            assertThat(smtp.sendShortMessageData(Smtp.message("alice@auth.example", "bob@" + DOMAIN, "authenticated", "hello")))
                .isTrue();
            assertThat(SMTPReply.isPositiveCompletion(smtp.getReplyCode())).isTrue();
        } finally {
            smtp.disconnect();
        }
        given().delete("/users/alice@auth.example");
        given().delete("/domains/auth.example");
    }

    private String newSender() {
        return "sender" + (++senders) + "." + System.nanoTime() + "@sender.example";
    }

    private static Smtp send(String sender, String... recipients) throws Exception {
        return Smtp.send(server.smtpInboundPort(), sender, Smtp.message(sender, recipients[0], "greylisting", "hello"), recipients);
    }
}
