package org.mxsuite.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mxsuite.it.support.LaunchedServer;
import org.mxsuite.it.support.MailClients;
import org.mxsuite.it.support.TwoNodes;

/** Two nodes ({@code ./mxsuite start} twice) on one PostgreSQL state store: a ban earned on one holds on the other. */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(LaunchedServer.LOCK)
class SharedBansTest {
    @RegisterExtension
    static TwoNodes cluster = TwoNodes.shared();

    private static int greeting(int port) throws Exception {
        SMTPClient smtp = new SMTPClient();
        smtp.connect("127.0.0.1", port);
        try {
            return smtp.getReplyCode();
        } finally {
            smtp.disconnect();
        }
    }

    @Test
    void failuresOnOneNodeBanTheAddressOnEveryNode() throws Exception {
        LaunchedServer nodeA = cluster.nodeA();
        LaunchedServer nodeB = cluster.nodeB();

        for (int i = 0; i < 11; i++) {
            assertThat(MailClients.smtpAuth(nodeA.port("SUBMISSION"), "mallory@nowhere.example", "guess" + i)).startsWith("535");
        }

        assertThat(greeting(nodeA.port("SMTP"))).isEqualTo(554);
        // another node reads the bans in force at most once a second
        assertThat(greetingWithinTwoSeconds(nodeB.port("SMTP"), 554)).isEqualTo(554);
        nodeB.webAdmin().get("/bans").then().statusCode(200).body("[0].address", equalTo("127.0.0.1"));

        nodeB.webAdmin().delete("/bans/127.0.0.1").then().statusCode(204);
        assertThat(greeting(nodeB.port("SMTP"))).isEqualTo(220);
        assertThat(greetingWithinTwoSeconds(nodeA.port("SMTP"), 220)).isEqualTo(220);
    }

    private static int greetingWithinTwoSeconds(int port, int expected) throws Exception {
        long deadline = System.nanoTime() + 2_000_000_000L;
        int reply = greeting(port);
        while (reply != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            reply = greeting(port);
        }
        return reply;
    }
}
