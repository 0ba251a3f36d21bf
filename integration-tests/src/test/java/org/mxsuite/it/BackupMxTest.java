package org.mxsuite.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.JamesMetrics;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.TrustAllTls;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Backup MX and store/forward end to end: a real SMTP client sends to the in-process James, a real SMTP server on
 * a non-standard port plays the customer's server and goes down and up during the test.
 */
class BackupMxTest {
    private static final String DOMAIN = "customer.example";
    private static final String BOUNCES = "sender.example";

    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer();

    private CustomerSmtpServer customer;
    private CustomerSmtpServer senderServer;

    @BeforeEach
    void setUp() throws Exception {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = server.webAdminPort();
        customer = new CustomerSmtpServer().start();
        senderServer = new CustomerSmtpServer().start();
        // the senders' own domain is relayed too, so that DSNs to them can be seen arriving
        putDomain(BOUNCES, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + senderServer.port() + "\"}");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        customer.close();
        senderServer.close();
        removeAllDomains();
    }

    /** Drops held mail and domains until none is left (a DSN may be held while we clean up; a domain that holds
     * mail cannot be deleted). */
    static void removeAllDomains() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        List<String> domains;
        while (!(domains = given().get("/hosted-domains").jsonPath().<String>getList("domain")).isEmpty()) {
            assertThat(Instant.now()).as("hosted domains left: %s", domains).isBefore(deadline);
            for (String domain : domains) {
                // forward and mailbox domains hold no mail: their queue is a 409 without items
                List<String> held = given().get("/hosted-domains/" + domain + "/queue").jsonPath().getList("items.id");
                for (String id : held == null ? List.<String>of() : held) {
                    given().delete("/hosted-domains/" + domain + "/queue/" + id);
                }
                given().delete("/hosted-domains/" + domain);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void mailIsHeldWhileTheCustomerServerIsDownAndDeliveredWithinSecondsOfItsReturn() throws Exception {
        customer.stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"retryInterval\":\"10m\"}");

        for (int i = 0; i < 3; i++) {
            Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, "held " + i, "body " + i), "bob@" + DOMAIN);
            assertThat(sent.accepted()).as(sent.toString()).isTrue();
        }
        awaitQueueSize(DOMAIN, 3);
        Thread.sleep(1500);
        assertThat(customer.messages()).isEmpty();
        try (java.util.stream.Stream<java.nio.file.Path> held = java.nio.file.Files.list(server.workingDirectory().resolve("var/mxsuite/state-held"))) {
            assertThat(held.map(file -> file.getFileName().toString()))
                .as("the bodies are the spool's files, linked, not written a second time")
                .hasSize(3).allMatch(name -> name.endsWith(".spooled"));
        }
        given().get("/hosted-domains/" + DOMAIN + "/queue")
            .then().statusCode(200)
            .body("messages", equalTo(3))
            .body("items", hasSize(3))
            .body("items[0].sender", equalTo("alice@" + BOUNCES))
            .body("items[0].recipients[0].address", equalTo("bob@" + DOMAIN));

        awaitHeldMailHealth("degraded");
        given().get("/healthcheck/checks/{component}", "MX Suite held mail")
            .then().body("cause", org.hamcrest.Matchers.containsString(DOMAIN + " holds 3 messages"));

        Instant back = Instant.now();
        customer.start();
        List<ReceivedMessage> received = customer.awaitMessages(3, Duration.ofSeconds(5));

        assertThat(Duration.between(back, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(received).extracting(ReceivedMessage::sender).containsOnly("alice@" + BOUNCES);
        assertThat(received).extracting(message -> message.recipients()).containsOnly(List.of("bob@" + DOMAIN));
        awaitQueueSize(DOMAIN, 0);
        given().get("/healthcheck/checks/{component}", "MX Suite held mail").then().body("status", equalTo("healthy"));
    }

    @Test
    void relayDeliversAtOnceTheMessageUnchangedBelowOurReceivedHeader() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\"}");
        String content = Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, "relayed", "line one\r\n.leading dot\r\nline three");

        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, content, "bob@" + DOMAIN, "carol@" + DOMAIN);

        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        ReceivedMessage received = customer.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(received.recipients()).containsExactlyInAnyOrder("bob@" + DOMAIN, "carol@" + DOMAIN);
        String delivered = received.contentAsString();
        assertThat(delivered).startsWith("Received: ");
        assertThat(delivered).endsWith(content);
        awaitQueueSize(DOMAIN, 0);
    }

    @Test
    void aRecipientGivenTwiceGetsTheMessageOnce() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\"}");

        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES,
            Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, "twice", "body"), "bob@" + DOMAIN, "bob@" + DOMAIN);

        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        assertThat(customer.awaitMessages(1, Duration.ofSeconds(5)).get(0).recipients()).containsExactly("bob@" + DOMAIN);
        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(500);
        assertThat(customer.messages()).hasSize(1);
    }

    @Test
    void aBccHeaderIsRemovedOnTheWay() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\"}");
        String content = "Bcc: hidden@" + DOMAIN + "\r\n" + Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, "bcc", "body");

        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, content, "bob@" + DOMAIN);

        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        String delivered = customer.awaitMessages(1, Duration.ofSeconds(5)).get(0).contentAsString();
        assertThat(delivered).doesNotContainIgnoringCase("bcc:").contains("Subject: bcc").endsWith("body\r\n");
        awaitQueueSize(DOMAIN, 0);
    }

    @Test
    void aPermanentRefusalReturnsOneDsnToTheSender() throws Exception {
        customer.rejectRecipient("nobody@" + DOMAIN, "550 5.1.1 No such user here");

        ReceivedMessage dsn = relayAndAwaitTheDsn("alice@" + BOUNCES, "nobody@" + DOMAIN, "doomed", "distinctive-body-word");

        assertThat(dsn.sender()).as("a DSN comes from the null sender").isEmpty();
        assertThat(dsn.contentAsString())
            .contains("multipart/report", "report-type=delivery-status", "message/delivery-status",
                "Final-Recipient: rfc822; nobody@" + DOMAIN, "Action: failed", "Status: 5.1.1",
                "Diagnostic-Code: smtp; 550 5.1.1 No such user here", "Subject: doomed")
            .doesNotContain("distinctive-body-word");
        assertThat(customer.messages()).isEmpty();
        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(1000);
        assertThat(senderServer.messages()).as("exactly one DSN").hasSize(1);
    }

    @Test
    void theNullSenderNeverGetsADsn() throws Exception {
        customer.rejectRecipient("nobody@" + DOMAIN, "550 5.1.1 No such user here");
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\"}");

        Smtp sent = Smtp.send(server.smtpInboundPort(), "", Smtp.message("mailer-daemon@" + BOUNCES, "nobody@" + DOMAIN, "a bounce", "x"),
            "nobody@" + DOMAIN);
        assertThat(sent.accepted()).isTrue();

        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(1500);
        assertThat(senderServer.messages()).isEmpty();
    }

    @Test
    void aRefusedDataCommandReturnsThatMessageAndTheNextOneOnTheConnectionIsDelivered() throws Exception {
        // as Postfix's smtpd_data_restrictions do: DATA refused, the transaction left open
        customer.refuseDataCommandFrom("mallory@" + BOUNCES, "554 5.7.1 <DATA>: Data command rejected: not from you");
        customer.stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"retryInterval\":\"10m\"}");
        for (String sender : List.of("mallory", "alice")) {
            Smtp sent = Smtp.send(server.smtpInboundPort(), sender + "@" + BOUNCES,
                Smtp.message(sender + "@" + BOUNCES, "bob@" + DOMAIN, "from " + sender, "body"), "bob@" + DOMAIN);
            assertThat(sent.accepted()).as(sent.toString()).isTrue();
        }
        awaitQueueSize(DOMAIN, 2);

        customer.start();

        // both go over one connection, the refused one first (held first)
        ReceivedMessage delivered = customer.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(delivered.sender()).isEqualTo("alice@" + BOUNCES);
        ReceivedMessage dsn = senderServer.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(dsn.recipients()).containsExactly("mallory@" + BOUNCES);
        assertThat(dsn.contentAsString()).contains("Status: 5.7.1", "Data command rejected");
        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(1000);
        assertThat(senderServer.messages()).as("no DSN for the message the destination took").hasSize(1);
        assertThat(customer.messages()).hasSize(1);
    }

    @Test
    void aDestinationThatRefusesDataAndHangsUpHasTheMessageReturnedAtOnce() throws Exception {
        customer.refuseDataCommandAndHangUpFrom("mallory@" + BOUNCES, "554 5.7.1 <DATA>: Data command rejected: go away");

        ReceivedMessage dsn = relayAndAwaitTheDsn("mallory@" + BOUNCES, "bob@" + DOMAIN, "refused", "body");

        assertThat(dsn.contentAsString()).contains("Status: 5.7.1", "go away");
        awaitQueueSize(DOMAIN, 0);
    }

    @Test
    void mailHeldPastItsRetentionIsReturnedToItsSenderOnce() throws Exception {
        holdOneMessageWhileTheCustomerIsDown(",\"retention\":\"1d\"", "too old");
        long bounced = JamesMetrics.count("mxsuite_bounced_recipients");

        age(DOMAIN, Duration.ofDays(2));

        ReceivedMessage dsn = senderServer.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(dsn.sender()).isEmpty();
        assertThat(dsn.contentAsString()).contains("Final-Recipient: rfc822; bob@" + DOMAIN, "Action: failed", "Status: 4.4.7",
            "Subject: too old");
        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(1500);
        assertThat(senderServer.messages()).hasSize(1);
        assertThat(JamesMetrics.count("mxsuite_bounced_recipients")).as("an expired recipient is a bounce").isEqualTo(bounced + 1);
    }

    @Test
    void aMessageBeingDeliveredIsNeitherExpiredNorDroppedUnderTheDelivery() throws Exception {
        customer.delayDataReply(Duration.ofSeconds(8));
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"retention\":\"1d\"}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, "in flight", "x"),
            "bob@" + DOMAIN).accepted()).isTrue();
        Instant deadline = Instant.now().plusSeconds(10);
        while (customer.contentsStarted() == 0) {
            assertThat(Instant.now()).as("the delivery reached DATA").isBefore(deadline);
            Thread.sleep(20);
        }

        // past its retention while the destination takes its time to answer the content: housekeeping runs every second
        age(DOMAIN, Duration.ofDays(2));
        String id = given().get("/hosted-domains/" + DOMAIN + "/queue").jsonPath().getString("items[0].id");
        given().queryParam("notifySender", true).delete("/hosted-domains/" + DOMAIN + "/queue/" + id)
            .then().statusCode(409).body("message", org.hamcrest.Matchers.containsString("is being delivered"));

        assertThat(customer.awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(1500);
        assertThat(senderServer.messages()).as("no DSN for a message that arrived").isEmpty();
    }

    @Test
    void aSenderIsToldOnceWhenMailHasWaitedFourHours() throws Exception {
        holdOneMessageWhileTheCustomerIsDown("", "slow");
        assertThat(JamesMetrics.gauge("mxsuite_held_messages." + DOMAIN)).contains(1L);

        age(DOMAIN, Duration.ofHours(5));

        ReceivedMessage warning = senderServer.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(warning.contentAsString()).contains("Action: delayed", "Will-Retry-Until:", "Delayed Mail");
        Thread.sleep(2500);
        assertThat(senderServer.messages()).as("warned once").hasSize(1);
        given().get("/hosted-domains/" + DOMAIN + "/queue").then().body("messages", equalTo(1));
    }

    @Test
    void aDomainThatKeepsMailForeverStillWarnsOfTheDelay() throws Exception {
        holdOneMessageWhileTheCustomerIsDown(",\"retention\":\"never\"", "forever");

        age(DOMAIN, Duration.ofHours(5));

        // no date to give up on: the field is left out (RFC 3464 2.3.9)
        ReceivedMessage warning = senderServer.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(warning.contentAsString()).contains("Action: delayed", "Subject: forever").doesNotContain("Will-Retry-Until");
        given().get("/hosted-domains/" + DOMAIN + "/queue").then().body("messages", equalTo(1));
    }

    @Test
    void aTooManyRecipientsRefusalIsRetriedNotReturned() throws Exception {
        // RFC 5321 4.5.3.1.10: 552 to RCPT is RFC 821's "too many recipients", to be taken as 452
        customer.rejectRecipient("carol@" + DOMAIN, "552 5.5.3 Too many recipients");
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\"}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, "many", "x"),
            "bob@" + DOMAIN, "carol@" + DOMAIN).accepted()).isTrue();

        assertThat(customer.awaitMessages(1, Duration.ofSeconds(5)).get(0).recipients()).containsExactly("bob@" + DOMAIN);
        awaitAttempts(DOMAIN, 1);
        given().get("/hosted-domains/" + DOMAIN + "/queue").then()
            .body("items[0].recipients.address", equalTo(List.of("carol@" + DOMAIN)))
            .body("items[0].lastReply", org.hamcrest.Matchers.startsWith("552 5.5.3"));
        Thread.sleep(1500);
        assertThat(senderServer.messages()).as("no DSN for a recipient that will be retried").isEmpty();
    }

    /**
     * Makes {@link #DOMAIN} a backup domain (with these further settings) whose server is down, and holds one message
     * from alice to bob there, tried once.
     */
    private void holdOneMessageWhileTheCustomerIsDown(String settings, String subject) throws Exception {
        customer.stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + customer.port() + "\"" + settings + "}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, subject, "x"),
            "bob@" + DOMAIN).accepted()).isTrue();
        awaitAttempts(DOMAIN, 1);
    }

    /** Sends one message through the relay domain {@link #DOMAIN}; the DSN its sender gets. */
    private ReceivedMessage relayAndAwaitTheDsn(String sender, String recipient, String subject, String body) throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\"}");
        Smtp sent = Smtp.send(server.smtpInboundPort(), sender, Smtp.message(sender, recipient, subject, body), recipient);
        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        ReceivedMessage dsn = senderServer.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(dsn.recipients()).containsExactly(sender);
        return dsn;
    }

    /** Moves a domain's held mail back in time, as if it had waited that long. */
    private static void age(String domain, Duration by) throws Exception {
        try (Connection connection = server.stateConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE held_message SET received_at = received_at - ? WHERE domain = ?")) {
            update.setLong(1, by.toMillis());
            update.setString(2, domain);
            assertThat(update.executeUpdate()).isPositive();
        }
    }

    @Test
    void aFullQueueGetsA452AndTheSendersRetrySucceedsLater() throws Exception {
        fillAQueueWithRoomForOne();

        customer.start();
        customer.awaitMessages(1, Duration.ofSeconds(5));
        awaitQueueSize(DOMAIN, 0);
        // the delivery makes room in the quota checks a moment after the queue lists the message gone (the two are
        // not one step): a sender retries minutes later, here within a second
        Instant deadline = Instant.now().plusSeconds(1);
        Smtp retried = sendToBob("second");
        while (!retried.accepted() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            retried = sendToBob("second");
        }
        assertThat(retried.accepted()).as(retried.toString()).isTrue();
        assertThat(customer.awaitMessages(2, Duration.ofSeconds(5))).hasSize(2);
    }

    /** The customer's server down, the domain's queue with room for one message full, the next one refused. */
    private void fillAQueueWithRoomForOne() throws Exception {
        customer.stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"quotaMessages\":1}");
        Smtp first = sendToBob("first");
        assertThat(first.accepted()).as(first.toString()).isTrue();
        awaitQueueSize(DOMAIN, 1);

        Smtp refused = sendToBob("second");
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.rcptReply(0)).startsWith("452 4.2.2");
    }

    /** A message from alice to bob of the customer's domain. */
    private static Smtp sendToBob(String subject) throws Exception {
        return Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, subject, subject),
            "bob@" + DOMAIN);
    }

    @Test
    void aMessageDroppedOverRestMakesRoomAtOnce() throws Exception {
        fillAQueueWithRoomForOne();
        String id = given().get("/hosted-domains/" + DOMAIN + "/queue").jsonPath().getString("items[0].id");

        given().delete("/hosted-domains/" + DOMAIN + "/queue/" + id).then().statusCode(204);

        // within the second for which the queue's count is kept: the drop itself must have made the room
        Smtp next = sendToBob("second");
        assertThat(next.accepted()).as(next.toString()).isTrue();
    }

    @Test
    void recipientsOutsideTheListAndSourceRoutesAreRefused() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"recipients\":[\"bob\"]}");

        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, "x", "x"),
            "mallory@" + DOMAIN, "user%elsewhere.example@" + DOMAIN, "elsewhere.example!user@" + DOMAIN, "BOB@" + DOMAIN);

        assertThat(sent.rcptReply(0)).startsWith("550 5.1.1");
        assertThat(sent.rcptReply(1)).startsWith("550 5.7.1");
        assertThat(sent.rcptReply(2)).startsWith("550 5.7.1");
        assertThat(sent.rcptReply(3)).startsWith("250");
        assertThat(sent.accepted()).isTrue();
    }

    @Test
    void mailForADomainWeDoNotHostIsNotRelayed() throws Exception {
        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, Smtp.message("alice@" + BOUNCES, "victim@elsewhere.example", "x", "x"),
            "victim@elsewhere.example");

        assertThat(sent.rcptReply(0)).startsWith("550").contains("5.7.1");
        assertThat(sent.accepted()).isFalse();
    }

    @Test
    void flushDeliversMailThatWaitsForItsRetryTime() throws Exception {
        customer.deferRecipient("bob@" + DOMAIN, "450 4.2.1 Mailbox busy, try later");
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"retryInterval\":\"10m\"}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, "later", "x"),
            "bob@" + DOMAIN).accepted()).isTrue();
        awaitAttempts(DOMAIN, 1);
        given().get("/hosted-domains/" + DOMAIN + "/queue")
            .then().body("items[0].lastReply", equalTo("450 4.2.1 Mailbox busy, try later"));
        customer.reset();

        given().post("/hosted-domains/" + DOMAIN + "/queue?action=flush")
            .then().statusCode(202)
            .body("messages", equalTo(1));

        customer.awaitMessages(1, Duration.ofSeconds(5));
        awaitQueueSize(DOMAIN, 0);
    }

    @Test
    void etrnFromTheDomainsOwnServerStartsDeliveryOfItsHeldMail() throws Exception {
        customer.deferRecipient("bob@" + DOMAIN, "450 4.2.1 Mailbox busy, try later");
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"retryInterval\":\"10m\"}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, "etrn", "x"),
            "bob@" + DOMAIN).accepted()).isTrue();
        awaitAttempts(DOMAIN, 1);
        customer.reset();

        SMTPClient client = new SMTPClient();
        client.connect("127.0.0.1", server.smtpInboundPort());
        try {
            client.sendCommand("EHLO " + DOMAIN);
            assertThat(client.getReplyString()).contains("ETRN");
            assertThat(client.sendCommand("ETRN")).isEqualTo(501);
            assertThat(client.sendCommand("ETRN #" + DOMAIN)).isEqualTo(253);
            assertThat(client.getReplyString()).contains("OK, 1 pending message for node " + DOMAIN + " started");
        } finally {
            client.disconnect();
        }

        customer.awaitMessages(1, Duration.ofSeconds(5));
        awaitQueueSize(DOMAIN, 0);
        client.connect("127.0.0.1", server.smtpInboundPort());
        try {
            client.sendCommand("EHLO " + DOMAIN);
            assertThat(client.sendCommand("ETRN @" + DOMAIN)).isEqualTo(251);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void etrnFromAnyoneElseGets459AndLearnsNothing() throws Exception {
        // the domain's server is 127.0.0.2; the test client connects from 127.0.0.1
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.2:" + customer.port() + "\"}");
        SMTPClient client = new SMTPClient();
        client.connect("127.0.0.1", server.smtpInboundPort());
        try {
            client.sendCommand("EHLO stranger.example");
            assertThat(client.sendCommand("ETRN " + DOMAIN)).isEqualTo(459);
            String forHosted = client.getReplyString();
            assertThat(client.sendCommand("ETRN not-hosted.example")).isEqualTo(459);
            assertThat(forHosted).doesNotContain("pending");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void etrnAfterAuthNeedsARelayAccountThatOwnsTheDomain() throws Exception {
        // the domain's server is 127.0.0.2; the test client connects from 127.0.0.1
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.2:" + customer.port() + "\"}");
        given().contentType(ContentType.JSON).body("{\"password\":\"owner-password-1\",\"domains\":[\"" + DOMAIN + "\"]}")
            .put("/relay-accounts/owner").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"password\":\"other-password-1\",\"domains\":[\"other.example\"]}")
            .put("/relay-accounts/other").then().statusCode(201);
        given().put("/domains/mailbox.example").then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"password\":\"user-password-1\"}").put("/users/user@mailbox.example")
            .then().statusCode(204);
        try {
            assertThat(etrnAfterLogin("other", "other-password-1", DOMAIN)).startsWith("459 4.7.1");
            assertThat(etrnAfterLogin("user@mailbox.example", "user-password-1", DOMAIN)).startsWith("459 4.7.1");
            assertThat(etrnAfterLogin("other", "other-password-1", "not-hosted.example")).as("learns nothing").startsWith("459 4.7.1");
            assertThat(etrnAfterLogin("owner", "owner-password-1", DOMAIN)).startsWith("251 2.0.0 OK, no messages waiting");
        } finally {
            given().delete("/relay-accounts/owner");
            given().delete("/relay-accounts/other");
            given().delete("/users/user@mailbox.example");
            given().delete("/domains/mailbox.example");
        }
    }

    /** AUTH PLAIN over SMTPS, then ETRN; the reply to ETRN. */
    private static String etrnAfterLogin(String user, String password, String node) throws Exception {
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient(true, TrustAllTls.context());
        client.connect("127.0.0.1", server.smtpsPort());
        try {
            client.ehlo("client.test");
            assertThat(client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, user, password)).as(client.getReplyString()).isTrue();
            client.sendCommand("ETRN " + node);
            return client.getReplyString().trim();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void aPausedDomainDeliversNothingUntilResumed() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"paused\":true}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, "paused", "x"),
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
        assertThat(customer.messages()).isEmpty();
        // a flush would promise delivery at once while nothing is delivered
        given().post("/hosted-domains/" + DOMAIN + "/queue?action=flush")
            .then().statusCode(409)
            .body("type", equalTo("WrongState"))
            .body("message", equalTo(DOMAIN + " is paused: it delivers nothing until resumed; resume it first (PUT /hosted-domains/"
                + DOMAIN + " with \"paused\": false)"));
        Thread.sleep(500);
        assertThat(customer.messages()).isEmpty();

        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"paused\":false}");

        customer.awaitMessages(1, Duration.ofSeconds(5));
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
        ReceivedMessage dsn = senderServer.awaitMessages(1, Duration.ofSeconds(10)).get(0);
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
        assertThat(senderServer.messages()).as("no DSN: notifySender was false").isEmpty();
    }

    /** The customer's server down, one message from alice to bob held: its id. */
    private String holdOneForBob(String subject) throws Exception {
        customer.stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + customer.port() + "\"}");
        Smtp sent = sendToBob(subject);
        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        awaitQueueSize(DOMAIN, 1);
        return given().get("/hosted-domains/" + DOMAIN + "/queue").jsonPath().getString("items[0].id");
    }

    @Test
    void theProbeReportsEveryStepOfATestTransaction() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\"}");

        given().post("/hosted-domains/" + DOMAIN + "/probe")
            .then().statusCode(200)
            .body("destination", equalTo("127.0.0.1:" + customer.port()))
            .body("success", equalTo(true))
            .body("steps.command", org.hamcrest.Matchers.hasItems("EHLO " + "mxsuite.test", "MAIL FROM:<>", "RCPT TO:<postmaster@" + DOMAIN + ">", "RSET"))
            .body("steps[0].reply", org.hamcrest.Matchers.startsWith("220 customer.test"));
        assertThat(customer.messages()).isEmpty();

        customer.stop();
        given().post("/hosted-domains/" + DOMAIN + "/probe")
            .then().statusCode(200)
            .body("success", equalTo(false))
            .body("steps[0].reply", org.hamcrest.Matchers.startsWith("421 4.4.1 cannot connect"));
    }

    @Test
    void theProbeFindsADestinationThatIsThisServerItself() {
        // the mistake the probe is for: delivery would hold every message with 4.4.6
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + server.smtpInboundPort() + "\"}");

        given().post("/hosted-domains/" + DOMAIN + "/probe")
            .then().statusCode(200)
            .body("success", equalTo(false))
            .body("steps.reply", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("4.4.6")))
            .body("steps.command", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("MAIL FROM:<>")));
    }

    @Test
    void theProbeOfAServerThatHangsUpAfterItsGreetingFails() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread server = new Thread(() -> {
                try (Socket client = listener.accept()) {
                    client.getOutputStream().write("220 hangs-up.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the probe sees what it sees
                }
            });
            server.start();
            putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + listener.getLocalPort() + "\"}");

            given().post("/hosted-domains/" + DOMAIN + "/probe").then().statusCode(200)
                .body("success", equalTo(false))
                .body("steps.command", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("MAIL FROM:<>")));
            server.join(5000);
        }
    }

    @Test
    void opportunisticTlsDeliversInPlainTextWhenTheHandshakeFailsAndRequiredTlsDoesNot() throws Exception {
        customer.close();
        customer = new CustomerSmtpServer().withStartTls(contextWithoutCertificate()).start();
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"tls\":\"required\"}");
        given().post("/hosted-domains/" + DOMAIN + "/probe").then().statusCode(200)
            .body("success", equalTo(false))
            .body("steps.command", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("MAIL FROM:<>")));
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + BOUNCES, Smtp.message("alice@" + BOUNCES, "bob@" + DOMAIN, "tls", "x"),
            "bob@" + DOMAIN).accepted()).isTrue();
        awaitAttempts(DOMAIN, 1);
        assertThat(customer.messages()).isEmpty();

        // opportunistic (RFC 7435): a failed handshake is followed by a plain-text connection, as Postfix's "may" level does
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"tls\":\"opportunistic\"}");
        given().post("/hosted-domains/" + DOMAIN + "/probe").then().statusCode(200)
            .body("success", equalTo(true))
            .body("steps.command", org.hamcrest.Matchers.hasItems("STARTTLS", "MAIL FROM:<>"));
        given().post("/hosted-domains/" + DOMAIN + "/queue?action=flush").then().statusCode(202);
        ReceivedMessage delivered = customer.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(delivered.tls()).isFalse();
        awaitQueueSize(DOMAIN, 0);
    }

    /** A server-side TLS context with no certificate: every handshake fails. */
    private static SSLContext contextWithoutCertificate() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        return context;
    }

    private static void putDomain(String domain, String json) {
        given().contentType(ContentType.JSON).body(json).put("/hosted-domains/" + domain).then().statusCode(204);
    }

    private static void awaitHeldMailHealth(String status) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        String actual = null;
        while (Instant.now().isBefore(deadline)) {
            actual = given().get("/healthcheck/checks/{component}", "MX Suite held mail").jsonPath().getString("status");
            if (status.equals(actual)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("held mail health is " + actual + ", expected " + status);
    }

    private static void awaitQueueSize(String domain, int size) throws InterruptedException {
        awaitQueue(domain, "messages", size);
    }

    private static void awaitAttempts(String domain, int attempts) throws InterruptedException {
        awaitQueue(domain, "items[0].attempts", attempts);
    }

    private static void awaitQueue(String domain, String path, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        Object actual = null;
        while (Instant.now().isBefore(deadline)) {
            actual = given().get("/hosted-domains/" + domain + "/queue").jsonPath().get(path);
            if (Integer.valueOf(expected).equals(actual)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("queue of " + domain + ": " + path + " is " + actual + ", expected " + expected);
    }
}
