package org.mxsuite.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.LaunchedServer;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.TwoNodes;

import io.restassured.http.ContentType;

/**
 * Two MX Suite nodes on one PostgreSQL state store share what recipient verification learnt: an address the customer's
 * server refused through one node is refused by the other without asking again, even once that server is down, and
 * what one node forgets over REST is forgotten for both.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(LaunchedServer.LOCK)
class SharedVerifiedRecipientsTest {
    private static final String DOMAIN = "verified.example";

    @RegisterExtension
    static TwoNodes cluster = TwoNodes.shared();

    private final LaunchedServer nodeA = cluster.nodeA();
    private final LaunchedServer nodeB = cluster.nodeB();
    private CustomerSmtpServer customer;

    @BeforeEach
    void setUp() throws Exception {
        customer = new CustomerSmtpServer().start();
    }

    @AfterEach
    void tearDown() throws Exception {
        customer.close();
        cluster.removeDomains(DOMAIN);
    }

    @Test
    void whatOneNodeLearntOfTheCustomersRecipientsTheOtherKnows() throws Exception {
        customer.rejectRecipient("nobody@" + DOMAIN, "550 5.1.1 <nobody@" + DOMAIN + ">: User unknown");
        nodeA.webAdmin().contentType(ContentType.JSON)
            .body("{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"verifyRecipients\":true}")
            .put("/hosted-domains/" + DOMAIN).then().statusCode(204);
        TwoNodes.awaitHosted(nodeB, DOMAIN);

        assertThat(rcpt(nodeA, "nobody@" + DOMAIN)).startsWith("550 5.1.1");
        awaitTraced(nodeB, "nobody@" + DOMAIN);
        int asked = customer.connectionCount();
        customer.stop();

        assertThat(rcpt(nodeB, "nobody@" + DOMAIN)).as("remembered by the other node, its server down")
            .isEqualTo("550 5.1.1 <nobody@" + DOMAIN + ">: recipient address rejected: the server of " + DOMAIN
                + " said: 550 5.1.1 <nobody@" + DOMAIN + ">: User unknown");
        assertThat(customer.connectionCount()).isEqualTo(asked);
        nodeB.webAdmin().get("/hosted-domains/" + DOMAIN + "/verified-recipients").then().statusCode(200)
            .body("$", hasSize(1)).body("[0].verdict", equalTo("refused"));

        nodeB.webAdmin().delete("/hosted-domains/" + DOMAIN + "/verified-recipients").then().statusCode(204);
        nodeA.webAdmin().get("/hosted-domains/" + DOMAIN + "/verified-recipients").then().body("$", hasSize(0));
        assertThat(rcpt(nodeA, "nobody@" + DOMAIN)).as("unknown while the server is down: accepted").startsWith("250");
    }

    /** Waits until {@code node} finds in the shared delivery trace the refusal of {@code recipient} another node gave. */
    private static void awaitTraced(LaunchedServer node, String recipient) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
        while (node.webAdmin().queryParam("recipient", recipient).queryParam("outcome", "refused").get("/trace")
            .jsonPath().getList("events").isEmpty()) {
            assertThat(java.time.Instant.now()).as("the refusal of " + recipient + " in the other node's trace").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** The reply to RCPT of one message to {@code recipient} through {@code node}. */
    private static String rcpt(LaunchedServer node, String recipient) throws Exception {
        return Smtp.send(node.smtpPort(), "alice@sender.example", Smtp.message("alice@sender.example", recipient, "verified", "x"),
            recipient).rcptReply(0);
    }
}
