package org.mxsuite.it.deliver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.CustomerAndSenders.SENDERS;
import static org.mxsuite.it.support.HostedDomains.awaitAttempts;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mxsuite.embedded.Keystore;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.TraceSearch;

/**
 * The delivery trace end to end: a real SMTP client sends to a backup domain whose server is down, then comes back
 * with STARTTLS; each step of the message's life is found over {@code GET /trace}, by each criterion, in pages.
 */
@SharesTheServer
class DeliveryTraceTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @Test
    void aHeldMessagesLifeIsTracedFromAcceptanceToDeliveryOverTls(@TempDir Path directory) throws Exception {
        servers.replaceCustomer(new CustomerSmtpServer().withStartTls(CustomerSmtpServer.tlsContext(Keystore.ensure(directory, "customer.test")))
            .start());
        servers.customer().stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"recipients\":[\"bob\"]}");
        String sender = "trace." + System.nanoTime() + "@" + SENDERS;
        String messageId = "<" + System.nanoTime() + ".trace@" + SENDERS + ">";
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        Smtp sent = Smtp.send(server.smtpInboundPort(), sender,
            "Message-ID: " + messageId + "\r\n" + Smtp.message(sender, "bob@" + DOMAIN, "traced", "body"), "bob@" + DOMAIN, "mallory@" + DOMAIN);
        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        awaitQueueSize(DOMAIN, 1);
        awaitAttempts(DOMAIN, 1);

        List<Map<String, Object>> waiting = TraceSearch.await(Map.of("sender", sender), 4);
        assertThat(waiting).extracting(event -> event.get("outcome")).containsExactly("deferred", "held", "accepted", "refused");
        assertThat(waiting.get(0)).containsEntry("recipient", "bob@" + DOMAIN).containsEntry("domain", DOMAIN);
        assertThat((String) waiting.get(0).get("reply")).startsWith("421 4.4.1");
        assertThat(waiting.get(1)).containsEntry("messageId", messageId).containsKey("heldId").containsKey("size");
        assertThat(waiting.get(2)).containsEntry("client", "127.0.0.1").containsEntry("messageId", messageId);
        assertThat(waiting.get(3)).containsEntry("recipient", "mallory@" + DOMAIN);
        assertThat((String) waiting.get(3).get("reply")).startsWith("550 5.1.1");

        servers.customer().start();
        given().post("/hosted-domains/" + DOMAIN + "/queue?action=flush").then().statusCode(202);
        assertThat(servers.customer().awaitMessages(1, Duration.ofSeconds(5)).get(0).tls()).isTrue();
        awaitQueueSize(DOMAIN, 0);

        Map<String, Object> delivered = TraceSearch.await(Map.of("sender", sender, "outcome", "delivered"), 1).get(0);
        assertThat(delivered).containsEntry("recipient", "bob@" + DOMAIN).containsEntry("tls", true)
            .containsEntry("host", "127.0.0.1").containsEntry("address", "127.0.0.1").containsEntry("heldId", waiting.get(1).get("heldId"));
        assertThat((String) delivered.get("reply")).startsWith("250");

        // the message-id finds the held message's attempts too, which carry only its held id
        assertThat(TraceSearch.search(Map.of("messageId", messageId)).<String>getList("events.outcome"))
            .containsExactly("delivered", "deferred", "held", "accepted");
        assertThat(TraceSearch.search(Map.of("recipient", "bob@" + DOMAIN, "sender", sender)).<String>getList("events.outcome"))
            .containsExactly("delivered", "deferred", "held", "accepted");
        assertThat(TraceSearch.search(Map.of("domain", DOMAIN, "sender", sender, "outcome", "refused")).<String>getList("events.recipient"))
            .containsExactly("mallory@" + DOMAIN);
        assertThat(TraceSearch.search(Map.of("sender", sender, "since", before.toString(), "until", before.toString())).getList("events"))
            .isEmpty();
        assertThat(TraceSearch.search(Map.of("sender", sender, "since", before.toString())).getList("events")).hasSize(5);

        given().queryParam("sender", sender).queryParam("limit", 2).get("/trace").then().statusCode(200)
            .body("events", hasSize(2)).body("next", equalTo(2)).body("events[0].outcome", equalTo("delivered"));
        given().queryParam("sender", sender).queryParam("limit", 2).queryParam("offset", 4).get("/trace").then().statusCode(200)
            .body("events", hasSize(1)).body("next", equalTo(null)).body("events[0].outcome", equalTo("refused"));
        given().queryParam("outcome", "vanished").get("/trace").then().statusCode(400).body("type", equalTo("InvalidArgument"));
    }
}
