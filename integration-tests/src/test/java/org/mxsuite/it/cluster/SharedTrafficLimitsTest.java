package org.mxsuite.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mxsuite.it.support.LaunchedServer;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.TwoNodes;

import io.restassured.http.ContentType;

/**
 * Two nodes ({@code ./mxsuite start} twice) on one PostgreSQL state store: a hosted domain's traffic counters are
 * shared, and clients sending to both nodes at once never get more messages through than the domain's limit.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(LaunchedServer.LOCK)
class SharedTrafficLimitsTest {
    /** A name of its own: the shared nodes keep the day's counts of a domain for the rest of the run. */
    private static final String DOMAIN = "limited.example";

    @RegisterExtension
    static TwoNodes cluster = TwoNodes.shared();

    private final LaunchedServer nodeA = cluster.nodeA();
    private final LaunchedServer nodeB = cluster.nodeB();

    @AfterEach
    void tearDown() throws Exception {
        cluster.removeDomains(DOMAIN);
    }

    @Test
    void clientsOfBothNodesGetExactlyTheDomainsDailyMessagesThrough() throws Exception {
        // held for a server that is not there: the limit is about acceptance, not delivery
        for (LaunchedServer node : List.of(nodeA, nodeB)) {
            node.webAdmin().contentType(ContentType.JSON)
                .body("{\"service\":\"backup\",\"destination\":\"127.0.0.1:9\",\"messagesPerDay\":10}")
                .put("/hosted-domains/" + DOMAIN).then().statusCode(204);
        }
        // each node sees what both stored (its cache of the registry is at most a second old)
        TwoNodes.awaitHosted(nodeA, DOMAIN);
        TwoNodes.awaitHosted(nodeB, DOMAIN);

        ExecutorService clients = Executors.newFixedThreadPool(8);
        int accepted = 0;
        try {
            List<Callable<Integer>> senders = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                LaunchedServer node = client % 2 == 0 ? nodeA : nodeB;
                int id = client;
                senders.add(() -> {
                    int through = 0;
                    for (int message = 0; message < 3; message++) {
                        Smtp sent = Smtp.send(node.smtpPort(), "alice@sender.example",
                            Smtp.message("alice@sender.example", "bob@" + DOMAIN, "c" + id + "m" + message, "x"), "bob@" + DOMAIN);
                        through += sent.accepted() ? 1 : 0;
                    }
                    return through;
                });
            }
            for (Future<Integer> result : clients.invokeAll(senders)) {
                accepted += result.get();
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(accepted).isEqualTo(10);
        nodeB.webAdmin().get("/hosted-domains/" + DOMAIN + "/usage").then().statusCode(200)
            .body("usage.messagesPerDay.used", equalTo(10));
        Smtp refused = Smtp.send(nodeA.smtpPort(), "alice@sender.example", Smtp.message("alice@sender.example", "bob@" + DOMAIN, "late", "x"),
            "bob@" + DOMAIN);
        assertThat(refused.rcptReply(0)).startsWith("452 4.7.0 Daily message limit of 10 for " + DOMAIN + " reached (10 used");
    }
}
