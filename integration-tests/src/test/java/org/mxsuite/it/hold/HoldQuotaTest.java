package org.mxsuite.it.hold;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.firstHeldId;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;

/**
 * A domain's queue quota: a full queue defers the next message with 452, room made by a delivery or a drop lets it in.
 */
@SharesTheServer
class HoldQuotaTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @Test
    void aFullQueueGetsA452AndTheSendersRetrySucceedsLater() throws Exception {
        fillAQueueWithRoomForOne();

        servers.customer().start();
        servers.customer().awaitMessages(1, Duration.ofSeconds(5));
        awaitQueueSize(DOMAIN, 0);
        // the delivery makes room in the quota checks a moment after the queue lists the message gone (the two are
        // not one step): a sender retries minutes later, here within a second
        Instant deadline = Instant.now().plusSeconds(1);
        Smtp retried = servers.sendToBob("second");
        while (!retried.accepted() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            retried = servers.sendToBob("second");
        }
        assertThat(retried.accepted()).as(retried.toString()).isTrue();
        assertThat(servers.customer().awaitMessages(2, Duration.ofSeconds(5))).hasSize(2);
    }

    /** The customer's server down, the domain's queue with room for one message full, the next one refused. */
    private void fillAQueueWithRoomForOne() throws Exception {
        servers.customer().stop();
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"quotaMessages\":1}");
        Smtp first = servers.sendToBob("first");
        assertThat(first.accepted()).as(first.toString()).isTrue();
        awaitQueueSize(DOMAIN, 1);

        Smtp refused = servers.sendToBob("second");
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.rcptReply(0)).startsWith("452 4.2.2");
    }

    @Test
    void aMessageDroppedOverRestMakesRoomAtOnce() throws Exception {
        fillAQueueWithRoomForOne();
        String id = firstHeldId(DOMAIN);

        given().delete("/hosted-domains/" + DOMAIN + "/queue/" + id).then().statusCode(204);

        // within the second for which the queue's count is kept: the drop itself must have made the room
        Smtp next = servers.sendToBob("second");
        assertThat(next.accepted()).as(next.toString()).isTrue();
    }
}
