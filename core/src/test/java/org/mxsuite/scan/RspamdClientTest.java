package org.mxsuite.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The /checkv2 client against a real rspamd (skipped, saying why, where rspamd is not installed). */
class RspamdClientTest {
    private static final SpamEnvelope ENVELOPE = new SpamEnvelope("envelope@sender.test", List.of("bob@customer.test", "carol@customer.test"),
        "192.0.2.1", Optional.of("client.test"), Optional.of("mail.sender.test"), Optional.empty(), "Mail1234");

    private static RspamdDaemon rspamd;

    @BeforeAll
    static void startRspamd() throws Exception {
        Assumptions.assumeTrue(RspamdDaemon.isInstalled(), "rspamd is not installed (Debian: apt-get install rspamd)");
        rspamd = RspamdDaemon.start();
    }

    @AfterAll
    static void stopRspamd() throws Exception {
        if (rspamd != null) {
            rspamd.close();
        }
    }

    static String message(String subject) {
        return "From: Alice <alice@sender.test>\r\n"
            + "To: bob@customer.test\r\n"
            + "Subject: " + subject + "\r\n"
            + "Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <m1@sender.test>\r\n"
            + "\r\n"
            + "Hello\r\n";
    }

    private static InputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static SpamVerdict check(String subject) throws Exception {
        return new RspamdClient(rspamd.address(), Duration.ofSeconds(10)).check(stream(message(subject)), ENVELOPE);
    }

    @Test
    void aMessageOverTheRejectScoreIsToBeRejected() throws Exception {
        SpamVerdict verdict = check("cheap " + RspamdDaemon.REJECT);

        assertThat(verdict.action()).isEqualTo(SpamAction.REJECT);
        assertThat(verdict.score()).isGreaterThanOrEqualTo(50.0);
        assertThat(verdict.requiredScore()).isEqualTo(15.0);
        assertThat(verdict.symbols()).first().isEqualTo("MXSUITE_TEST_REJECT");
    }

    @Test
    void eachActionComesBack() throws Exception {
        assertThat(check("hello " + RspamdDaemon.ADD_HEADER).action()).isEqualTo(SpamAction.ADD_HEADER);
        assertThat(check("hello " + RspamdDaemon.GREYLIST).action()).isEqualTo(SpamAction.GREYLIST);
        assertThat(check("hello").action()).isEqualTo(SpamAction.NO_ACTION);
    }

    /** rspamd's rule sees the envelope sender, HELO and client address the request headers carried. */
    @Test
    void theEnvelopeReachesRspamd() throws Exception {
        assertThat(check("hello").symbols()).contains(RspamdDaemon.ENVELOPE_SYMBOL);
    }

    @Test
    void nothingListeningIsAFailureNotAVerdict() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RspamdClient client = new RspamdClient(java.net.URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2));

        assertThatThrownBy(() -> client.check(stream(message("x")), ENVELOPE)).isInstanceOf(ScannerUnavailableException.class);
    }

    @Test
    void aSilentScannerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            RspamdClient client = new RspamdClient(java.net.URI.create("http://127.0.0.1:" + silent.getLocalPort()), Duration.ofSeconds(1));

            assertThatThrownBy(() -> client.check(stream(message("x")), ENVELOPE)).isInstanceOf(ScannerUnavailableException.class)
                .hasMessageContaining("did not answer within");
        }
    }
}
