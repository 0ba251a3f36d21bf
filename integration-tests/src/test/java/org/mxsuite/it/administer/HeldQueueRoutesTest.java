package org.mxsuite.it.administer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.CustomerAndSenders.SENDERS;
import static org.mxsuite.it.support.HostedDomains.awaitAttempts;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.firstHeldId;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.time.Duration;
import java.util.List;

import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.Smtp;

import io.restassured.http.ContentType;

/**
 * The administrator's hold on a domain's queue over WebAdmin: flush, pause and resume, drop (with or without a DSN).
 */
@SharesTheServer
class HeldQueueRoutesTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @Test
    void flushDeliversMailThatWaitsForItsRetryTime() throws Exception {
        servers.customer().deferRecipient("bob@" + DOMAIN, "450 4.2.1 Mailbox busy, try later");
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"retryInterval\":\"10m\"}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "later", "x"),
            "bob@" + DOMAIN).accepted()).isTrue();
        awaitAttempts(DOMAIN, 1);
        given().get("/hosted-domains/" + DOMAIN + "/queue")
            .then().body("items[0].lastReply", equalTo("450 4.2.1 Mailbox busy, try later"));
        servers.customer().reset();

        given().post("/hosted-domains/" + DOMAIN + "/queue?action=flush")
            .then().statusCode(202)
            .body("messages", equalTo(1));

        servers.customer().awaitMessages(1, Duration.ofSeconds(5));
        awaitQueueSize(DOMAIN, 0);
    }

    @Test
    void aPausedDomainDeliversNothingUntilResumed() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"paused\":true}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "paused", "x"),
            "bob@" + DOMAIN).accepted()).isTrue();
        awaitQueueSize(DOMAIN, 1);
        // the domain's own server (127.0.0.1) asks: nothing would start, so no 253 (RFC 1985: 458)
        SMTPClient client = new SMTPClient();
        client.connect("127.0.0.1", server.smtpInboundPort());
        try {
            client.sendCommand("EHLO " + DOMAIN);
            assertThat(client.sendCommand("ETRN " + DOMAIN)).isEqualTo(458);
            assertThat(client.getReplyString()).contains("paused");
        } finally {
            client.disconnect();
        }
        Thread.sleep(1500);
        assertThat(servers.customer().messages()).isEmpty();
        // a flush would promise delivery at once while nothing is delivered
        given().post("/hosted-domains/" + DOMAIN + "/queue?action=flush")
            .then().statusCode(409)
            .body("type", equalTo("WrongState"))
            .body("message", equalTo(DOMAIN + " is paused: it delivers nothing until resumed; resume it first (PUT /hosted-domains/"
                + DOMAIN + " with \"paused\": false)"));
        Thread.sleep(500);
        assertThat(servers.customer().messages()).isEmpty();

        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"paused\":false}");

        servers.customer().awaitMessages(1, Duration.ofSeconds(5));
    }

    @Test
    void aHeldMessageCanBeDroppedOverRest() throws Exception {
        String id = holdOneForBob("drop me");

        given().delete("/hosted-domains/" + DOMAIN).then().statusCode(409)
            .body("type", equalTo("WrongState"))
            .body("message", org.hamcrest.Matchers.startsWith(DOMAIN + " holds 1 message: deliver them"));
        given().contentType(ContentType.JSON).body("{\"service\":\"mailbox\"}").put("/hosted-domains/" + DOMAIN).then().statusCode(409);

        given().delete("/hosted-domains/" + DOMAIN + "/queue/" + id + "?notifySender=true").then().statusCode(204);

        given().delete("/hosted-domains/" + DOMAIN + "/queue/" + id).then().statusCode(404);
        awaitQueueSize(DOMAIN, 0);
        ReceivedMessage dsn = servers.senders().awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(dsn.contentAsString()).contains("Action: failed", "removed from the queue by the administrator");
    }

    @Test
    void aDropWhoseNotifySenderIsNeitherTrueNorFalseIs400AndTheMessageStaysHeld() throws Exception {
        String id = holdOneForBob("keep me");

        for (String notify : List.of("yes", "1", "ture", "")) {
            given().delete("/hosted-domains/" + DOMAIN + "/queue/" + id + "?notifySender=" + notify)
                .then().statusCode(400)
                .body("type", equalTo("InvalidArgument"))
                .body("message", equalTo("notifySender must be true or false, was '" + notify + "'"));
        }

        given().get("/hosted-domains/" + DOMAIN + "/queue").then().body("items.id", org.hamcrest.Matchers.contains(id));
        given().delete("/hosted-domains/" + DOMAIN + "/queue/" + id + "?notifySender=FALSE").then().statusCode(204);
        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(1000);
        assertThat(servers.senders().messages()).as("no DSN: notifySender was false").isEmpty();
    }

    /** The customer's server down, one message from alice to bob held: its id. */
    private String holdOneForBob(String subject) throws Exception {
        servers.customer().stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");
        Smtp sent = servers.sendToBob(subject);
        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        awaitQueueSize(DOMAIN, 1);
        return firstHeldId(DOMAIN);
    }
}
