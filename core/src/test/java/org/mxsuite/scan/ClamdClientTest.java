package org.mxsuite.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The INSTREAM client against a real clamd (skipped, saying why, where clamd is not installed). */
class ClamdClientTest {
    private static ClamdDaemon clamd;

    @BeforeAll
    static void startClamd() throws Exception {
        Assumptions.assumeTrue(ClamdDaemon.isInstalled(), "clamd is not installed (Debian: apt-get install clamav-daemon)");
        clamd = ClamdDaemon.start();
    }

    @AfterAll
    static void stopClamd() throws Exception {
        if (clamd != null) {
            clamd.close();
        }
    }

    static String message(String attachment) {
        return ClamdDaemon.messageWithAttachment("report", "See attached.\r\n", attachment);
    }

    private static InputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void anEicarAttachmentIsFoundByItsSignature() throws Exception {
        VirusVerdict verdict = new ClamdClient(clamd.endpoint(), Duration.ofSeconds(10)).scan(stream(message(ClamdDaemon.EICAR)));

        assertThat(verdict.isInfected()).isTrue();
        assertThat(verdict.signature()).contains(ClamdDaemon.SIGNATURE);
    }

    @Test
    void aCleanMessageIsClean() throws Exception {
        assertThat(new ClamdClient(clamd.endpoint(), Duration.ofSeconds(10)).scan(stream(message("just a report"))).isInfected()).isFalse();
    }

    /** Several chunks: the virus sits after the first 64 KiB. */
    @Test
    void aLargeMessageIsStreamedInChunks() throws Exception {
        String padding = "x".repeat(76) + "\r\n";
        String large = message(ClamdDaemon.EICAR).replace("See attached.\r\n", padding.repeat(3000));

        assertThat(new ClamdClient(clamd.endpoint(), Duration.ofSeconds(10)).scan(stream(large)).signature()).contains(ClamdDaemon.SIGNATURE);
    }

    @Test
    void theUnixSocketWorksToo() throws Exception {
        ClamdClient client = new ClamdClient(ClamdEndpoint.unixSocket(clamd.unixSocket()), Duration.ofSeconds(10));

        assertThat(client.scan(stream(message(ClamdDaemon.EICAR))).signature()).contains(ClamdDaemon.SIGNATURE);
    }

    @Test
    void nothingListeningIsAFailureNotAVerdict() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ClamdClient client = new ClamdClient(ClamdEndpoint.tcp("127.0.0.1", closedPort), Duration.ofSeconds(2));

        assertThatThrownBy(() -> client.scan(stream(message("x")))).isInstanceOf(ScannerUnavailableException.class);
        assertThat(client.ping()).isFalse();
    }

    /** A scanner that takes the connection and never answers holds the message no longer than the time limit. */
    @Test
    void aSilentScannerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            ClamdClient client = new ClamdClient(ClamdEndpoint.tcp("127.0.0.1", silent.getLocalPort()), Duration.ofSeconds(1));
            long start = System.nanoTime();

            assertThatThrownBy(() -> client.scan(stream(message("x")))).isInstanceOf(ScannerUnavailableException.class)
                .hasMessageContaining("did not answer within");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
