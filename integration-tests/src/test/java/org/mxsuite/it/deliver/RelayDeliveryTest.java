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

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.Smtp;

/**
 * Delivery to a relay domain's server: at once, the message unchanged below our Received header, once per recipient,
 * without its Bcc header; over TLS as the domain's setting asks.
 */
@SharesTheServer
class RelayDeliveryTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @Test
    void relayDeliversAtOnceTheMessageUnchangedBelowOurReceivedHeader() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");
        String content = Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "relayed", "line one\r\n.leading dot\r\nline three");

        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, content, "bob@" + DOMAIN, "carol@" + DOMAIN);

        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        ReceivedMessage received = servers.customer().awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(received.recipients()).containsExactlyInAnyOrder("bob@" + DOMAIN, "carol@" + DOMAIN);
        String delivered = received.contentAsString();
        assertThat(delivered).startsWith("Received: ");
        assertThat(delivered).endsWith(content);
        awaitQueueSize(DOMAIN, 0);
    }

    @Test
    void aRecipientGivenTwiceGetsTheMessageOnce() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");

        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS,
            Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "twice", "body"), "bob@" + DOMAIN, "bob@" + DOMAIN);

        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        assertThat(servers.customer().awaitMessages(1, Duration.ofSeconds(5)).get(0).recipients()).containsExactly("bob@" + DOMAIN);
        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(500);
        assertThat(servers.customer().messages()).hasSize(1);
    }

    @Test
    void aBccHeaderIsRemovedOnTheWay() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");
        String content = "Bcc: hidden@" + DOMAIN + "\r\n" + Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "bcc", "body");

        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, content, "bob@" + DOMAIN);

        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        String delivered = servers.customer().awaitMessages(1, Duration.ofSeconds(5)).get(0).contentAsString();
        assertThat(delivered).doesNotContainIgnoringCase("bcc:").contains("Subject: bcc").endsWith("body\r\n");
        awaitQueueSize(DOMAIN, 0);
    }

    @Test
    void opportunisticTlsDeliversInPlainTextWhenTheHandshakeFailsAndRequiredTlsDoesNot() throws Exception {
        servers.replaceCustomer(new CustomerSmtpServer().withStartTls(contextWithoutCertificate()).start());
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"tls\":\"required\"}");
        given().post("/hosted-domains/" + DOMAIN + "/probe").then().statusCode(200)
            .body("success", equalTo(false))
            .body("steps.command", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("MAIL FROM:<>")));
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "tls", "x"),
            "bob@" + DOMAIN).accepted()).isTrue();
        awaitAttempts(DOMAIN, 1);
        assertThat(servers.customer().messages()).isEmpty();

        // opportunistic (RFC 7435): a failed handshake is followed by a plain-text connection, as Postfix's "may" level does
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"tls\":\"opportunistic\"}");
        given().post("/hosted-domains/" + DOMAIN + "/probe").then().statusCode(200)
            .body("success", equalTo(true))
            .body("steps.command", org.hamcrest.Matchers.hasItems("STARTTLS", "MAIL FROM:<>"));
        given().post("/hosted-domains/" + DOMAIN + "/queue?action=flush").then().statusCode(202);
        ReceivedMessage delivered = servers.customer().awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(delivered.tls()).isFalse();
        awaitQueueSize(DOMAIN, 0);
    }

    /** A server-side TLS context with no certificate: every handshake fails. */
    private static SSLContext contextWithoutCertificate() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        return context;
    }
}
