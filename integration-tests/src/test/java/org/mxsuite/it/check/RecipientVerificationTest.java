package org.mxsuite.it.check;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.CustomerAndSenders.SENDERS;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.Timing;

import io.restassured.http.ContentType;

/**
 * Recipient verification of a backup domain against a real SMTP server playing the customer's, with real SMTP
 * clients: the customer's refusal reaches the sender at RCPT; a customer's server that is down, answers 4xx or is
 * slower than verify.timeout (5 s as shipped) leaves the address accepted, the RCPT answered within that limit.
 */
@SharesTheServer
@Isolated(Timing.REASON)
class RecipientVerificationTest {
    /** verify.timeout as shipped, and what an RCPT may take on top of it on a busy machine. */
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Duration MARGIN = Duration.ofMillis(1500);

    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    private void hostWithVerification() {
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\","
            + "\"verifyRecipients\":true}");
    }

    private Smtp send(String... recipients) throws Exception {
        return Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, recipients[0], "verified", "x"),
            recipients);
    }

    @AfterEach
    void forgetTheAnswers() {
        given().delete("/hosted-domains/" + DOMAIN + "/verified-recipients");
    }

    @Test
    void anAddressTheCustomersServerRefusesIsRefusedAtRcptWithItsTextAndTheOthersAreDelivered() throws Exception {
        servers.customer().rejectRecipient("nobody@" + DOMAIN, "550 5.1.1 <nobody@" + DOMAIN + ">: User unknown in local recipient table");
        hostWithVerification();

        Smtp sent = send("nobody@" + DOMAIN, "bob@" + DOMAIN);

        assertThat(sent.rcptReply(0)).isEqualTo("550 5.1.1 <nobody@" + DOMAIN + ">: recipient address rejected: the server of " + DOMAIN
            + " said: 550 5.1.1 <nobody@" + DOMAIN + ">: User unknown in local recipient table");
        assertThat(sent.rcptReply(1)).startsWith("250");
        assertThat(sent.accepted()).isTrue();
        assertThat(servers.customer().awaitMessages(1, Duration.ofSeconds(10)).get(0).recipients()).containsExactly("bob@" + DOMAIN);

        given().get("/hosted-domains/" + DOMAIN + "/verified-recipients").then().statusCode(200).body("$", hasSize(2))
            .body("[0].address", equalTo("bob@" + DOMAIN)).body("[0].verdict", equalTo("accepted"))
            .body("[1].address", equalTo("nobody@" + DOMAIN)).body("[1].verdict", equalTo("refused"));
        // remembered: the customer's server is not asked again, even once it would take the address
        servers.customer().reset();
        assertThat(send("nobody@" + DOMAIN).rcptReply(0)).startsWith("550 5.1.1");
        given().delete("/hosted-domains/" + DOMAIN + "/verified-recipients/nobody@" + DOMAIN).then().statusCode(204);
        assertThat(send("nobody@" + DOMAIN).rcptReply(0)).startsWith("250");
    }

    @Test
    void whileTheCustomersServerIsDownTheMailIsAcceptedAndHeld() throws Exception {
        hostWithVerification();
        servers.customer().stop();

        Smtp sent = send("carol@" + DOMAIN);

        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        awaitQueueSize(DOMAIN, 1);
        given().get("/hosted-domains/" + DOMAIN + "/verified-recipients").then().body("$", hasSize(0));
    }

    @Test
    void aTemporaryRefusalLeavesTheAddressAcceptedAndNothingRemembered() throws Exception {
        servers.customer().deferRecipient("dave@" + DOMAIN, "450 4.2.1 Mailbox busy, try later");
        hostWithVerification();

        Smtp sent = send("dave@" + DOMAIN);

        assertThat(sent.rcptReply(0)).startsWith("250");
        given().get("/hosted-domains/" + DOMAIN + "/verified-recipients").then().body("$", hasSize(0));
    }

    @Test
    void aServerSlowerThanTheLimitGetsTheRcptAnsweredWithinItAndItsAnswerCountsNextTime() throws Exception {
        servers.customer().rejectRecipient("slow@" + DOMAIN, "550 5.1.1 No such user").delayRcptReply(LIMIT.plusSeconds(1));
        hostWithVerification();

        long start = System.nanoTime();
        Smtp sent = send("slow@" + DOMAIN);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(sent.rcptReply(0)).startsWith("250");
        assertThat(took).isLessThan(LIMIT.plus(MARGIN));
        awaitRemembered("slow@" + DOMAIN);
        assertThat(send("slow@" + DOMAIN).rcptReply(0)).startsWith("550 5.1.1");
    }

    @Test
    void aSettingThatIsNoBooleanIsRefusedAndChangesNothing() {
        hostWithVerification();

        for (String bad : List.of("\"yes\"", "-1", "1e99")) {
            given().contentType(ContentType.JSON).body("{\"service\":\"backup\",\"verifyRecipients\":" + bad + "}")
                .put("/hosted-domains/" + DOMAIN).then().statusCode(400).body("message", equalTo("field 'verifyRecipients' must be true or false"));
        }
        given().contentType(ContentType.JSON).body("{\"service\":\"backup\",\"verifyRecipient\":true}")
            .put("/hosted-domains/" + DOMAIN).then().statusCode(400);
        given().get("/hosted-domains/" + DOMAIN).then().body("verifyRecipients", equalTo(true))
            .body("destination", equalTo("127.0.0.1:" + servers.customer().port()));
    }

    private static void awaitRemembered(String address) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (given().get("/hosted-domains/" + DOMAIN + "/verified-recipients").jsonPath().getList("address").isEmpty()) {
            assertThat(Instant.now()).as("nothing remembered of %s", address).isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
