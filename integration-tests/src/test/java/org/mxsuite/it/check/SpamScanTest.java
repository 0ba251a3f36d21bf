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
import org.mxsuite.scan.RspamdDaemon;

/**
 * Spam scoring at the end of DATA on the in-process server against a real rspamd started here, whose own rules
 * answer each action for a word in the Subject. Skipped, saying why, where rspamd is not installed.
 */
@Isolated(Timing.REASON)
class SpamScanTest {
    private static RspamdDaemon rspamd;
    private static ScanningServer server;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(RspamdDaemon.isInstalled(), "rspamd is not installed (Debian: apt-get install rspamd)");
        rspamd = RspamdDaemon.start();
        server = ScanningServer.start(Map.of("mxsuite.checks.spamscan.enabled", "true",
            "mxsuite.spamscan.rspamd", rspamd.address().toString(),
            "mxsuite.spamscan.timeout", "5s"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (rspamd != null) {
            rspamd.close();
        }
    }

    @BeforeEach
    void setUp() {
        server.putDomain("");
    }

    private static String message(String subject, String extraHeaders) {
        return "From: Alice <alice@sender.test>\r\n"
            + "To: bob@customer.test\r\n"
            + "Subject: " + subject + "\r\n"
            + "Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <" + subject.replace(' ', '.') + "@sender.test>\r\n"
            + extraHeaders
            + "\r\n"
            + "Hello Bob,\r\nthe figures are attached.\r\n";
    }

    @Test
    void aMessageRspamdRejectsIsRefused() throws Exception {
        long before = JamesMetrics.count("mxsuite_check_spamscan_reject");

        assertThat(server.dataReply(message("cheap pills " + RspamdDaemon.REJECT, ""))).isEqualTo("554 5.7.1 Message rejected as spam");
        assertThat(JamesMetrics.count("mxsuite_check_spamscan_reject")).isEqualTo(before + 1);
    }

    /** Passes with our headers, which replace those the sender forged. */
    @Test
    void aCleanMessagePassesWithItsHeaders() throws Exception {
        assertThat(server.dataReply(message("clean figures", "X-Spam-Flag: YES\r\nX-Spam-Status: Yes, forged\r\n"))).startsWith("250");

        String delivered = server.delivered("clean figures");
        assertThat(delivered).contains("\r\nX-Spam-Flag: NO\r\n", "\r\nX-Spam-Action: no action\r\n", "\r\nX-Spam-Score: ")
            .containsPattern("\r\nX-Spam-Status: No, score=[0-9.]+ required=15.00 tests=")
            .doesNotContain("X-Spam-Flag: YES", "forged");
    }

    @Test
    void addHeaderIsAcceptedAndFlaggedForTheCustomersServer() throws Exception {
        assertThat(server.dataReply(message("offer " + RspamdDaemon.ADD_HEADER, ""))).startsWith("250");

        String delivered = server.delivered("offer " + RspamdDaemon.ADD_HEADER);
        assertThat(delivered).contains("\r\nX-Spam-Flag: YES\r\n", "\r\nX-Spam-Action: add header\r\n")
            .containsPattern("\r\nX-Spam-Status: Yes, score=8\\.[0-9]+ required=15.00 tests=MXSUITE_TEST_HEADER");
    }

    @Test
    void greylistIsATemporaryRefusal() throws Exception {
        assertThat(server.dataReply(message("maybe " + RspamdDaemon.GREYLIST, ""))).isEqualTo("450 4.7.1 Message deferred, try again later");
    }

    @Test
    void aDomainWithSpamScanningOffTakesTheMessageUnscored() throws Exception {
        server.putDomain(",\"spamScan\":false");

        assertThat(server.dataReply(message("unscored " + RspamdDaemon.REJECT, ""))).startsWith("250");
        assertThat(server.delivered("unscored " + RspamdDaemon.REJECT)).doesNotContain("X-Spam-");
    }

    /** An unreachable rspamd lets mail through, counted. */
    @Test
    void aStoppedRspamdFailsOpen() throws Exception {
        long before = JamesMetrics.count("mxsuite_check_spamscan_unavailable");
        rspamd.stop();
        try {
            assertThat(server.dataReply(message("while rspamd is down", ""))).startsWith("250");
            assertThat(JamesMetrics.count("mxsuite_check_spamscan_unavailable")).isEqualTo(before + 1);
            assertThat(server.delivered("while rspamd is down")).contains("X-Spam-Scan: not scanned (scanner unavailable)");
        } finally {
            rspamd.restart();
        }
    }

    /** Not a benchmark: what scoring adds to one transaction of a clean 10 KB message, printed for the record. */
    @Test
    void aCleanTenKilobyteMessageIsScoredQuickly() throws Exception {
        String tenKilobytes = message("ten kilobytes", "") + ("Some words of an ordinary letter. ".repeat(2) + "\r\n").repeat(140);
        long scanned = ScanLatency.medianMillis(20, () -> server.dataReply(tenKilobytes));
        server.putDomain(",\"spamScan\":false");
        long unscanned = ScanLatency.medianMillis(20, () -> server.dataReply(tenKilobytes));

        System.out.printf("Spam scoring of a clean %d-byte message: median SMTP transaction %d ms scored, %d ms unscored%n",
            tenKilobytes.length(), scanned, unscanned);
        assertThat(scanned).isLessThan(1000);
    }
}
