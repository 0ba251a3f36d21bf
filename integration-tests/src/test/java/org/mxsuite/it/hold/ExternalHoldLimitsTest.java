package org.mxsuite.it.hold;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.MailClients;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.Smtp;

import io.restassured.http.ContentType;

/**
 * Mail held for domains we do not host has limits, per destination domain and in all: here 2 messages and 3000 bytes
 * per domain, 4 messages in all. Nothing answers for the targets (no DNS), so what is accepted stays held. The tests
 * run in order, each adding to what the queue holds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalHoldLimitsTest {
    private static final String PASSWORD = "a long secret";

    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer(Map.of(
        "mxsuite.hold.external.perdomain.maxmessages", "2",
        "mxsuite.hold.external.perdomain.maxbytes", "3000",
        "mxsuite.hold.external.maxmessages", "4"));

    @BeforeEach
    void setUp() {
        putDomain("a.fwd.test", "{\"service\":\"forward\",\"forwardTo\":\"owner@target-a.test\"}");
        putDomain("b.fwd.test", "{\"service\":\"forward\",\"forwardTo\":\"owner@target-b.test\"}");
        putDomain("c.fwd.test", "{\"service\":\"forward\",\"forwardTo\":\"owner@target-c.test\"}");
        putDomain("mbox.test", "{\"service\":\"mailbox\"}");
        given().contentType(ContentType.JSON).body("{\"password\":\"" + PASSWORD + "\"}").put("/users/user@mbox.test");
    }

    /**
     * The limits count what the hold queue holds: a message accepted with 250 is held once James's spool has processed
     * it, a moment later. Like Postfix's queue limits, a client that sends faster than that may pass one message more.
     */
    private static void awaitHeld(String destination, int messages) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (held(destination) < messages) {
            assertThat(Instant.now()).as("%d messages held for %s", messages, destination).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static int held(String destination) {
        // 404 until the destination, which we do not host, holds mail
        io.restassured.response.Response queue = given().get("/hosted-domains/" + destination + "/queue");
        return queue.statusCode() == 200 ? queue.jsonPath().getInt("messages") : 0;
    }

    private static Smtp send(String recipient, int bodyBytes) throws Exception {
        return Smtp.send(server.smtpInboundPort(), "alice@sender.test",
            Smtp.message("alice@sender.test", recipient, "held", "x".repeat(bodyBytes)), recipient);
    }

    @Test
    @Order(1)
    void aDestinationTakesAtMostItsNumberOfMessages() throws Exception {
        assertThat(send("one@a.fwd.test", 10).accepted()).isTrue();
        assertThat(send("two@a.fwd.test", 10).accepted()).isTrue();
        awaitHeld("target-a.test", 2);

        assertThat(send("three@a.fwd.test", 10).rcptReply(0))
            .isEqualTo("452 4.2.2 <three@a.fwd.test>: too much mail is waiting for target-a.test (2 messages); try again later");
    }

    @Test
    @Order(2)
    void aMessageThatWouldTakeADestinationOverItsBytesIsRefusedAfterData() throws Exception {
        assertThat(send("big@b.fwd.test", 2500).accepted()).isTrue();
        awaitHeld("target-b.test", 1);

        Smtp refused = send("more@b.fwd.test", 1000);
        assertThat(refused.rcptReply(0)).as("no SIZE announced: the size is known at the end of DATA").startsWith("250");
        assertThat(refused.lastReply()).isEqualTo("452 4.3.1 the queue for target-b.test is out of space; try again later");
    }

    @Test
    @Order(3)
    void allDestinationsTogetherTakeAtMostTheirNumberOfMessages() throws Exception {
        assertThat(send("x@c.fwd.test", 10).accepted()).as("the fourth held message").isTrue();
        awaitHeld("target-c.test", 1);

        assertThat(send("y@c.fwd.test", 10).rcptReply(0))
            .isEqualTo("452 4.3.1 <y@c.fwd.test>: this server holds as much mail for other domains as it may; try again later");
        assertThat(MailClients.submit(server.smtpSubmissionPort(), "user@mbox.test", PASSWORD, "user@mbox.test", "friend@target-d.test",
            Smtp.message("user@mbox.test", "friend@target-d.test", "relayed", "hello")).trim())
            .as("relayed mail too")
            .isEqualTo("452 4.3.1 <friend@target-d.test>: this server holds as much mail for other domains as it may; try again later");
        assertThat(send("user@mbox.test", 10).accepted()).as("mail delivered here is not held").isTrue();
    }
}
