package org.mxsuite.it.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;

/** A domain's {@code maxConnections} and {@code maxRate}: its server gets its held mail one connection at a time, paced. */
@SharesTheServer
class ThrottledDrainTest {
    private static final int MESSAGES = 12;

    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @Test
    void heldMailGoesOverOneConnectionAtTheRateSet() throws Exception {
        String destination = "\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"";
        putDomain(DOMAIN, "{\"service\":\"backup\"," + destination + ",\"paused\":true}");
        for (int i = 0; i < MESSAGES; i++) {
            Smtp sent = servers.sendToBob("held " + i);
            assertThat(sent.accepted()).as(sent.toString()).isTrue();
        }
        awaitQueueSize(DOMAIN, MESSAGES);

        putDomain(DOMAIN, "{\"service\":\"backup\"," + destination + ",\"maxConnections\":1,\"maxRate\":10}");
        servers.customer().awaitMessages(MESSAGES, Duration.ofSeconds(20));

        List<Instant> arrivals = servers.customer().arrivals();
        assertThat(servers.customer().mostOpenSessions()).as("connections at once").isEqualTo(1);
        // 10 a second: the 12th is sent 1.1 s after the first (less the scheduling jitter of two arrivals)
        assertThat(Duration.between(arrivals.get(0), arrivals.get(MESSAGES - 1))).isGreaterThan(Duration.ofMillis(1000));
        awaitQueueSize(DOMAIN, 0);
    }
}
