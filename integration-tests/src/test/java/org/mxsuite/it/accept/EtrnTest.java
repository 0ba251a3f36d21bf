package org.mxsuite.it.accept;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.CustomerAndSenders.SENDERS;
import static org.mxsuite.it.support.HostedDomains.awaitAttempts;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.Users.putUser;

import java.time.Duration;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.TrustAllTls;

import io.restassured.http.ContentType;

/**
 * ETRN (RFC 1985): the domain's own server, or a relay account that owns the domain, starts the delivery of its held
 * mail; anyone else gets 459 and learns nothing.
 */
@SharesTheServer
class EtrnTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @Test
    void etrnFromTheDomainsOwnServerStartsDeliveryOfItsHeldMail() throws Exception {
        servers.customer().deferRecipient("bob@" + DOMAIN, "450 4.2.1 Mailbox busy, try later");
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"retryInterval\":\"10m\"}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "etrn", "x"),
            "bob@" + DOMAIN).accepted()).isTrue();
        awaitAttempts(DOMAIN, 1);
        servers.customer().reset();

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

        servers.customer().awaitMessages(1, Duration.ofSeconds(5));
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
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.2:" + servers.customer().port() + "\"}");
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
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.2:" + servers.customer().port() + "\"}");
        given().contentType(ContentType.JSON).body("{\"password\":\"owner-password-1\",\"domains\":[\"" + DOMAIN + "\"]}")
            .put("/relay-accounts/owner").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"password\":\"other-password-1\",\"domains\":[\"other.example\"]}")
            .put("/relay-accounts/other").then().statusCode(201);
        given().put("/domains/mailbox.example").then().statusCode(204);
        putUser("user@mailbox.example", "user-password-1");
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
}
