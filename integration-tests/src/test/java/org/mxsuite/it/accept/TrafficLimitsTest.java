package org.mxsuite.it.accept;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.CustomerAndSenders.SENDERS;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;

/**
 * A hosted domain's traffic limits with real SMTP clients: past a limit, 452 4.7.0 naming it and its reset in UTC,
 * the mail accepted before delivered and nothing bounced; clients in parallel never get more than the limit through.
 */
@SharesTheServer
class TrafficLimitsTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    private void limitedTo(String limits) {
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"," + limits + "}");
        // the day's counts outlive the domain's settings: each test starts from zero
        given().post("/hosted-domains/" + DOMAIN + "/usage?action=reset").then().statusCode(200);
    }

    private Smtp send(String subject, String... recipients) throws Exception {
        return sendBody(subject, subject, recipients);
    }

    private Smtp sendBody(String subject, String body, String... recipients) throws Exception {
        return Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, recipients[0], subject, body),
            recipients);
    }

    @Test
    void pastItsDailyMessageLimitADomainGets452WithTheResetAndWhatWasAcceptedIsDelivered() throws Exception {
        limitedTo("\"messagesPerDay\":2");

        assertThat(send("one", "bob@" + DOMAIN, "carol@" + DOMAIN).accepted()).as("two recipients, one message").isTrue();
        assertThat(send("two", "bob@" + DOMAIN).accepted()).isTrue();
        Smtp third = send("three", "bob@" + DOMAIN);

        assertThat(third.accepted()).isFalse();
        assertThat(third.rcptReply(0)).isEqualTo("452 4.7.0 Daily message limit of 2 for " + DOMAIN + " reached (2 used, this needs 1);"
            + " it resets at " + LocalDate.now(ZoneOffset.UTC).plusDays(1) + "T00:00:00Z");
        assertThat(servers.customer().awaitMessages(2, Duration.ofSeconds(10))).hasSize(2);
        awaitQueueSize(DOMAIN, 0);
        assertThat(servers.senders().messages()).as("no bounce to the sender").isEmpty();
        given().get("/hosted-domains/" + DOMAIN + "/usage").then().statusCode(200)
            .body("usage.messagesPerDay.used", equalTo(2)).body("usage.messagesPerDay.remaining", equalTo(0));
    }

    @Test
    void aMessageOverTheDailyBytesIsRefusedAfterDataAndCountsNothing() throws Exception {
        limitedTo("\"bytesPerDay\":\"1MiB\"");
        String big = "x".repeat(76).concat("\r\n").repeat(700 * 1024 / 78);

        Smtp first = sendBody("first", big, "bob@" + DOMAIN);
        assertThat(first.accepted()).as(first.toString()).isTrue();
        Smtp second = sendBody("second", big, "bob@" + DOMAIN);

        assertThat(second.lastReply()).startsWith("452 4.7.0 Daily byte limit of 1048576 for " + DOMAIN + " reached");
        assertThat(send("small", "bob@" + DOMAIN).accepted()).as("the refused message counted nothing").isTrue();
    }

    @Test
    void eightClientsInParallelAgainstALimitOfTenGetExactlyTenMessagesThrough() throws Exception {
        limitedTo("\"messagesPerDay\":10");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> senders = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                int id = client;
                senders.add(() -> {
                    int accepted = 0;
                    for (int message = 0; message < 3; message++) {
                        accepted += send("c" + id + "m" + message, "bob@" + DOMAIN).accepted() ? 1 : 0;
                    }
                    return accepted;
                });
            }
            int accepted = 0;
            for (Future<Integer> sent : clients.invokeAll(senders)) {
                accepted += sent.get();
            }
            assertThat(accepted).isEqualTo(10);
        } finally {
            clients.shutdownNow();
        }
        assertThat(servers.customer().awaitMessages(10, Duration.ofSeconds(15))).hasSize(10);
        given().get("/hosted-domains/" + DOMAIN + "/usage").then().body("usage.messagesPerDay.used", equalTo(10));
    }
}
