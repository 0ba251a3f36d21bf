package org.mxsuite.it.deliver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.CustomerAndSenders.SENDERS;
import static org.mxsuite.it.support.HostedDomains.awaitAttempts;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.Smtp;

/**
 * What a destination's refusals lead to: one DSN to the sender for a permanent one (never to the null sender), a retry
 * for a temporary one, the next message on the connection still delivered.
 */
@SharesTheServer
class DeliveryRefusalTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @Test
    void aPermanentRefusalReturnsOneDsnToTheSender() throws Exception {
        servers.customer().rejectRecipient("nobody@" + DOMAIN, "550 5.1.1 No such user here");

        ReceivedMessage dsn = relayAndAwaitTheDsn("alice@" + SENDERS, "nobody@" + DOMAIN, "doomed", "distinctive-body-word");

        assertThat(dsn.sender()).as("a DSN comes from the null sender").isEmpty();
        assertThat(dsn.contentAsString())
            .contains("multipart/report", "report-type=delivery-status", "message/delivery-status",
                "Final-Recipient: rfc822; nobody@" + DOMAIN, "Action: failed", "Status: 5.1.1",
                "Diagnostic-Code: smtp; 550 5.1.1 No such user here", "Subject: doomed")
            .doesNotContain("distinctive-body-word");
        assertThat(servers.customer().messages()).isEmpty();
        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(1000);
        assertThat(servers.senders().messages()).as("exactly one DSN").hasSize(1);
    }

    @Test
    void theNullSenderNeverGetsADsn() throws Exception {
        servers.customer().rejectRecipient("nobody@" + DOMAIN, "550 5.1.1 No such user here");
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");

        Smtp sent = Smtp.send(server.smtpInboundPort(), "", Smtp.message("mailer-daemon@" + SENDERS, "nobody@" + DOMAIN, "a bounce", "x"),
            "nobody@" + DOMAIN);
        assertThat(sent.accepted()).isTrue();

        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(1500);
        assertThat(servers.senders().messages()).isEmpty();
    }

    @Test
    void aRefusedDataCommandReturnsThatMessageAndTheNextOneOnTheConnectionIsDelivered() throws Exception {
        // as Postfix's smtpd_data_restrictions do: DATA refused, the transaction left open
        servers.customer().refuseDataCommandFrom("mallory@" + SENDERS, "554 5.7.1 <DATA>: Data command rejected: not from you");
        servers.customer().stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"retryInterval\":\"10m\"}");
        for (String sender : List.of("mallory", "alice")) {
            Smtp sent = Smtp.send(server.smtpInboundPort(), sender + "@" + SENDERS,
                Smtp.message(sender + "@" + SENDERS, "bob@" + DOMAIN, "from " + sender, "body"), "bob@" + DOMAIN);
            assertThat(sent.accepted()).as(sent.toString()).isTrue();
        }
        awaitQueueSize(DOMAIN, 2);

        servers.customer().start();

        // both go over one connection, the refused one first (held first)
        ReceivedMessage delivered = servers.customer().awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(delivered.sender()).isEqualTo("alice@" + SENDERS);
        ReceivedMessage dsn = servers.senders().awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(dsn.recipients()).containsExactly("mallory@" + SENDERS);
        assertThat(dsn.contentAsString()).contains("Status: 5.7.1", "Data command rejected");
        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(1000);
        assertThat(servers.senders().messages()).as("no DSN for the message the destination took").hasSize(1);
        assertThat(servers.customer().messages()).hasSize(1);
    }

    @Test
    void aDestinationThatRefusesDataAndHangsUpHasTheMessageReturnedAtOnce() throws Exception {
        servers.customer().refuseDataCommandAndHangUpFrom("mallory@" + SENDERS, "554 5.7.1 <DATA>: Data command rejected: go away");

        ReceivedMessage dsn = relayAndAwaitTheDsn("mallory@" + SENDERS, "bob@" + DOMAIN, "refused", "body");

        assertThat(dsn.contentAsString()).contains("Status: 5.7.1", "go away");
        awaitQueueSize(DOMAIN, 0);
    }

    @Test
    void aTooManyRecipientsRefusalIsRetriedNotReturned() throws Exception {
        // RFC 5321 4.5.3.1.10: 552 to RCPT is RFC 821's "too many recipients", to be taken as 452
        servers.customer().rejectRecipient("carol@" + DOMAIN, "552 5.5.3 Too many recipients");
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "many", "x"),
            "bob@" + DOMAIN, "carol@" + DOMAIN).accepted()).isTrue();

        assertThat(servers.customer().awaitMessages(1, Duration.ofSeconds(5)).get(0).recipients()).containsExactly("bob@" + DOMAIN);
        awaitAttempts(DOMAIN, 1);
        given().get("/hosted-domains/" + DOMAIN + "/queue").then()
            .body("items[0].recipients.address", equalTo(List.of("carol@" + DOMAIN)))
            .body("items[0].lastReply", org.hamcrest.Matchers.startsWith("552 5.5.3"));
        Thread.sleep(1500);
        assertThat(servers.senders().messages()).as("no DSN for a recipient that will be retried").isEmpty();
    }

    /** Sends one message through the relay domain {@link CustomerAndSenders#DOMAIN}; the DSN its sender gets. */
    private ReceivedMessage relayAndAwaitTheDsn(String sender, String recipient, String subject, String body) throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");
        Smtp sent = Smtp.send(server.smtpInboundPort(), sender, Smtp.message(sender, recipient, subject, body), recipient);
        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        ReceivedMessage dsn = servers.senders().awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(dsn.recipients()).containsExactly(sender);
        return dsn;
    }
}
