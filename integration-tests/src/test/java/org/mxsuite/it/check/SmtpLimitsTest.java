package org.mxsuite.it.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.PipeliningClient;

/** Connections at once, in all and per client address, and recipients per message, as smtpserver.xml sets them. */
class SmtpLimitsTest {
    private static final String DOMAIN = "customer.test";

    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer(Map.of(
        "mxsuite.smtp.maxconnections", "5",
        "mxsuite.smtp.maxconnectionsperclient", "3",
        "mxsuite.smtp.maxrecipients", "100"));

    private final List<PipeliningClient> open = new ArrayList<>();

    @BeforeEach
    void setUp() {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\"}");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (PipeliningClient client : open) {
            client.close();
        }
        open.clear();
        // the server counts a connection until it has seen it close
        Thread.sleep(300);
    }

    private PipeliningClient connect(String from) throws Exception {
        PipeliningClient client = PipeliningClient.connect(from, server.smtpInboundPort(), Duration.ofSeconds(10));
        open.add(client);
        return client;
    }

    @Test
    void oneClientGetsAtMostItsShareOfConnections() throws Exception {
        // this test's events only: the other tests of the class (and classes before it) leave theirs in the trace
        String since = java.time.Instant.now().minusMillis(1).toString();
        for (int i = 0; i < 3; i++) {
            assertThat(connect("127.0.0.2").greeting()).startsWith("220");
        }

        PipeliningClient fourth = connect("127.0.0.2");
        assertThat(fourth.greeting()).isEqualTo("421 4.7.0 Too many connections from [127.0.0.2] (3 at most); try again later");
        assertThat(fourth.closedByServer()).isTrue();
        // refused before any command: in the delivery trace with its reply, under no domain
        assertThat(org.mxsuite.it.support.TraceSearch.await(Map.of("outcome", "refused", "since", since), 1))
            .anySatisfy(event -> assertThat(event).containsEntry("client", "127.0.0.2").containsEntry("domain", "")
                .containsEntry("reply", fourth.greeting()));
        assertThat(connect("127.0.0.3").greeting()).as("another client").startsWith("220");

        open.get(0).send("QUIT").reply();
        open.get(0).close();
        Thread.sleep(300);
        assertThat(connect("127.0.0.2").greeting()).as("once one of its connections closed").startsWith("220");
    }

    @Test
    void theServerTakesAtMostItsLimitOfConnectionsInAll() throws Exception {
        for (String client : List.of("127.0.0.4", "127.0.0.4", "127.0.0.5", "127.0.0.5", "127.0.0.6")) {
            assertThat(connect(client).greeting()).startsWith("220");
        }

        PipeliningClient sixth = connect("127.0.0.7");
        assertThat(sixth.greeting()).isEqualTo("421 4.7.0 Too many connections (5 at most); try again later");
        assertThat(sixth.closedByServer()).isTrue();
    }

    @Test
    void aMessageTakesAtMostItsLimitOfRecipientsAndTheRestGoInAnotherTransaction() throws Exception {
        PipeliningClient client = connect("127.0.0.8");
        client.send("EHLO many.test").reply();
        assertThat(client.send("MAIL FROM:<>").reply()).startsWith("250");
        for (int i = 1; i <= 100; i++) {
            assertThat(client.send("RCPT TO:<user" + i + "@" + DOMAIN + ">").reply()).as("recipient " + i).startsWith("250");
        }
        assertThat(client.send("RCPT TO:<user101@" + DOMAIN + ">").reply())
            .isEqualTo("452 4.5.3 Too many recipients (100 per message at most); send the others in another message");

        assertThat(client.send("RSET").reply()).startsWith("250");
        assertThat(client.send("MAIL FROM:<>").reply()).startsWith("250");
        assertThat(client.send("RCPT TO:<user101@" + DOMAIN + ">").reply()).startsWith("250");
    }
}
