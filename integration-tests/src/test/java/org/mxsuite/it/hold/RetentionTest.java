package org.mxsuite.it.hold;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.CustomerAndSenders.SENDERS;
import static org.mxsuite.it.support.HostedDomains.awaitAttempts;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.firstHeldId;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.JamesMetrics;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.TraceSearch;

/**
 * Held mail over time: returned to its sender past the domain's retention, its sender warned once of a delay, never
 * expired under a delivery in progress. The held mail is aged in the state store instead of waited for.
 */
@SharesTheServer
class RetentionTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @Test
    void mailHeldPastItsRetentionIsReturnedToItsSenderOnce() throws Exception {
        String since = Instant.now().minusMillis(1).toString();
        holdOneMessageWhileTheCustomerIsDown(",\"retention\":\"1d\"", "too old");
        long bounced = JamesMetrics.count("mxsuite_bounced_recipients");

        age(DOMAIN, Duration.ofDays(2));

        ReceivedMessage dsn = servers.senders().awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(dsn.sender()).isEmpty();
        assertThat(dsn.contentAsString()).contains("Final-Recipient: rfc822; bob@" + DOMAIN, "Action: failed", "Status: 4.4.7",
            "Subject: too old");
        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(1500);
        assertThat(servers.senders().messages()).hasSize(1);
        assertThat(JamesMetrics.count("mxsuite_bounced_recipients")).as("an expired recipient is a bounce").isEqualTo(bounced + 1);
        // in the delivery trace: returned to its sender, then expired
        assertThat(TraceSearch.await(Map.of("recipient", "bob@" + DOMAIN, "since", since, "outcome", "expired"), 1)).hasSize(1);
        assertThat(TraceSearch.await(Map.of("recipient", "bob@" + DOMAIN, "since", since, "outcome", "returned"), 1).get(0).get("reply"))
            .asString().isNotBlank();
    }

    @Test
    void aMessageBeingDeliveredIsNeitherExpiredNorDroppedUnderTheDelivery() throws Exception {
        servers.customer().delayDataReply(Duration.ofSeconds(8));
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"retention\":\"1d\"}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "in flight", "x"),
            "bob@" + DOMAIN).accepted()).isTrue();
        Instant deadline = Instant.now().plusSeconds(10);
        while (servers.customer().contentsStarted() == 0) {
            assertThat(Instant.now()).as("the delivery reached DATA").isBefore(deadline);
            Thread.sleep(20);
        }

        // past its retention while the destination takes its time to answer the content: housekeeping runs every second
        age(DOMAIN, Duration.ofDays(2));
        String id = firstHeldId(DOMAIN);
        given().queryParam("notifySender", true).delete("/hosted-domains/" + DOMAIN + "/queue/" + id)
            .then().statusCode(409).body("message", org.hamcrest.Matchers.containsString("is being delivered"));

        assertThat(servers.customer().awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
        awaitQueueSize(DOMAIN, 0);
        Thread.sleep(1500);
        assertThat(servers.senders().messages()).as("no DSN for a message that arrived").isEmpty();
    }

    @Test
    void aSenderIsToldOnceWhenMailHasWaitedFourHours() throws Exception {
        holdOneMessageWhileTheCustomerIsDown("", "slow");
        assertThat(JamesMetrics.gauge("mxsuite_held_messages." + DOMAIN)).contains(1L);

        age(DOMAIN, Duration.ofHours(5));

        ReceivedMessage warning = servers.senders().awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(warning.contentAsString()).contains("Action: delayed", "Will-Retry-Until:", "Delayed Mail");
        Thread.sleep(2500);
        assertThat(servers.senders().messages()).as("warned once").hasSize(1);
        given().get("/hosted-domains/" + DOMAIN + "/queue").then().body("messages", equalTo(1));
    }

    @Test
    void aDomainThatKeepsMailForeverStillWarnsOfTheDelay() throws Exception {
        holdOneMessageWhileTheCustomerIsDown(",\"retention\":\"never\"", "forever");

        age(DOMAIN, Duration.ofHours(5));

        // no date to give up on: the field is left out (RFC 3464 2.3.9)
        ReceivedMessage warning = servers.senders().awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(warning.contentAsString()).contains("Action: delayed", "Subject: forever").doesNotContain("Will-Retry-Until");
        given().get("/hosted-domains/" + DOMAIN + "/queue").then().body("messages", equalTo(1));
    }

    /**
     * Makes {@link CustomerAndSenders#DOMAIN} a backup domain (with these further settings) whose server is down, and holds one message
     * from alice to bob there, tried once.
     */
    private void holdOneMessageWhileTheCustomerIsDown(String settings, String subject) throws Exception {
        servers.customer().stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"" + settings + "}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, subject, "x"),
            "bob@" + DOMAIN).accepted()).isTrue();
        awaitAttempts(DOMAIN, 1);
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
}
