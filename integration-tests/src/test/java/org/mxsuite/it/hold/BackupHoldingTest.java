package org.mxsuite.it.hold;

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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.Timing;

/**
 * A backup domain: the recipients it accepts, its mail held while its server is down and delivered within seconds of
 * its return; mail for a domain we do not host is not relayed.
 */
@SharesTheServer
@Isolated(Timing.REASON)
class BackupHoldingTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @Test
    void mailIsHeldWhileTheCustomerServerIsDownAndDeliveredWithinSecondsOfItsReturn() throws Exception {
        servers.customer().stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"retryInterval\":\"10m\"}");

        for (int i = 0; i < 3; i++) {
            Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "held " + i, "body " + i), "bob@" + DOMAIN);
            assertThat(sent.accepted()).as(sent.toString()).isTrue();
        }
        awaitQueueSize(DOMAIN, 3);
        Thread.sleep(1500);
        assertThat(servers.customer().messages()).isEmpty();
        try (java.util.stream.Stream<java.nio.file.Path> held = java.nio.file.Files.list(server.workingDirectory().resolve("var/mxsuite/state-held"))) {
            assertThat(held.map(file -> file.getFileName().toString()))
                .as("the bodies are the spool's files, linked, not written a second time")
                .hasSize(3).allMatch(name -> name.endsWith(".spooled"));
        }
        given().get("/hosted-domains/" + DOMAIN + "/queue")
            .then().statusCode(200)
            .body("messages", equalTo(3))
            .body("items", hasSize(3))
            .body("items[0].sender", equalTo("alice@" + SENDERS))
            .body("items[0].recipients[0].address", equalTo("bob@" + DOMAIN));

        awaitHeldMailHealth("degraded");
        given().get("/healthcheck/checks/{component}", "MX Suite held mail")
            .then().body("cause", org.hamcrest.Matchers.containsString(DOMAIN + " holds 3 messages"));

        Instant back = Instant.now();
        servers.customer().start();
        List<ReceivedMessage> received = servers.customer().awaitMessages(3, Duration.ofSeconds(5));

        assertThat(Duration.between(back, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(received).extracting(ReceivedMessage::sender).containsOnly("alice@" + SENDERS);
        assertThat(received).extracting(message -> message.recipients()).containsOnly(List.of("bob@" + DOMAIN));
        awaitQueueSize(DOMAIN, 0);
        given().get("/healthcheck/checks/{component}", "MX Suite held mail").then().body("status", equalTo("healthy"));
    }

    @Test
    void recipientsOutsideTheListAndSourceRoutesAreRefused() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"recipients\":[\"bob\"]}");

        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "x", "x"),
            "mallory@" + DOMAIN, "user%elsewhere.example@" + DOMAIN, "elsewhere.example!user@" + DOMAIN, "BOB@" + DOMAIN);

        assertThat(sent.rcptReply(0)).startsWith("550 5.1.1");
        assertThat(sent.rcptReply(1)).startsWith("550 5.7.1");
        assertThat(sent.rcptReply(2)).startsWith("550 5.7.1");
        assertThat(sent.rcptReply(3)).startsWith("250");
        assertThat(sent.accepted()).isTrue();
    }

    @Test
    void mailForADomainWeDoNotHostIsNotRelayed() throws Exception {
        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, "victim@elsewhere.example", "x", "x"),
            "victim@elsewhere.example");

        assertThat(sent.rcptReply(0)).startsWith("550").contains("5.7.1");
        assertThat(sent.accepted()).isFalse();
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
}
