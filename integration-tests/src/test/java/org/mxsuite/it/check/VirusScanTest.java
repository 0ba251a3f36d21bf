package org.mxsuite.it.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.mxsuite.it.support.JamesMetrics;
import org.mxsuite.it.support.Timing;
import org.mxsuite.scan.ClamdDaemon;

/**
 * Virus scanning at the end of DATA on the in-process server against a real clamd started here, with a one-signature
 * database (the EICAR test file). Skipped, saying why, where clamd is not installed.
 */
@Isolated(Timing.REASON)
class VirusScanTest {
    private static final long MAX_SIZE = 64 * 1024;

    private static ClamdDaemon clamd;
    private static ScanningServer server;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(ClamdDaemon.isInstalled(), "clamd is not installed (Debian: apt-get install clamav-daemon)");
        clamd = ClamdDaemon.start();
        server = ScanningServer.start(Map.of("mxsuite.checks.virusscan.enabled", "true",
            "mxsuite.virusscan.clamd", "127.0.0.1:" + clamd.port(),
            "mxsuite.virusscan.timeout", "5s",
            "mxsuite.virusscan.maxsize", String.valueOf(MAX_SIZE)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (clamd != null) {
            clamd.close();
        }
    }

    @BeforeEach
    void setUp() {
        server.putDomain("");
    }

    private static String message(String subject, String attachment) {
        return ClamdDaemon.messageWithAttachment(subject, "See attached.\r\n", attachment);
    }

    @Test
    void anEicarAttachmentIsRefusedWithTheSignatureName() throws Exception {
        long before = JamesMetrics.count("mxsuite_check_virusscan_infected");

        assertThat(server.dataReply(message("infected", ClamdDaemon.EICAR)))
            .isEqualTo("554 5.7.1 Message rejected: virus found (" + ClamdDaemon.SIGNATURE + ")");
        assertThat(JamesMetrics.count("mxsuite_check_virusscan_infected")).isEqualTo(before + 1);
    }

    @Test
    void aCleanMessagePasses() throws Exception {
        assertThat(server.dataReply(message("clean report", "just a report"))).startsWith("250");

        assertThat(server.delivered("clean report")).doesNotContain("X-Virus-Scan");
    }

    @Test
    void aMessageOverTheSizeLimitIsAcceptedUnscannedAndMarked() throws Exception {
        String large = ClamdDaemon.messageWithAttachment("large report", ("x".repeat(76) + "\r\n").repeat(1000), ClamdDaemon.EICAR);

        assertThat(server.dataReply(large)).startsWith("250");

        assertThat(server.delivered("large report")).containsPattern("X-Virus-Scan: skipped \\(size \\d+ > limit " + MAX_SIZE + "\\)\r\n");
    }

    @Test
    void aDomainWithVirusScanningOffTakesTheMessage() throws Exception {
        server.putDomain(",\"virusScan\":false");

        assertThat(server.dataReply(message("infected", ClamdDaemon.EICAR))).startsWith("250");
    }

    @Test
    void aStoppedClamdGetsATemporaryFailure() throws Exception {
        clamd.stop();
        try {
            assertThat(server.dataReply(message("report", "just a report"))).isEqualTo("451 4.3.0 Virus scanner unavailable, try again later");
        } finally {
            clamd.restart();
        }
    }

    /** Not a benchmark: what a scan adds to one transaction of a clean 10 KB message, printed for the record. */
    @Test
    void aCleanTenKilobyteMessageIsScannedQuickly() throws Exception {
        String tenKilobytes = ClamdDaemon.messageWithAttachment("ten kilobytes", ("y".repeat(76) + "\r\n").repeat(120), "just a report");
        long scanned = ScanLatency.medianMillis(20, () -> server.dataReply(tenKilobytes));
        server.putDomain(",\"virusScan\":false");
        long unscanned = ScanLatency.medianMillis(20, () -> server.dataReply(tenKilobytes));

        System.out.printf("Virus scan of a clean %d-byte message: median SMTP transaction %d ms scanned, %d ms unscanned%n",
            tenKilobytes.length(), scanned, unscanned);
        assertThat(scanned).isLessThan(1000);
    }
}
