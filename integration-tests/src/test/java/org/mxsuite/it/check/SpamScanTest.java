package org.mxsuite.it.check;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.it.MxSuiteServer;
import org.mxsuite.it.smtp.CustomerSmtpServer;
import org.mxsuite.scan.RspamdDaemon;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Spam scoring at the end of DATA on the in-process server against a real rspamd started here, whose own rules
 * answer each action for a word in the Subject. Skipped, saying why, where rspamd is not installed.
 */
class SpamScanTest {
    private static final String DOMAIN = "customer.test";

    private static RspamdDaemon rspamd;
    private static MxSuiteServer server;
    private static CustomerSmtpServer customer;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(RspamdDaemon.isInstalled(), "rspamd is not installed (Debian: apt-get install rspamd)");
        rspamd = RspamdDaemon.start();
        customer = new CustomerSmtpServer().start();
        server = new MxSuiteServer(Map.of("mxsuite.checks.spamscan.enabled", "true",
            "mxsuite.spamscan.rspamd", rspamd.address().toString(),
            "mxsuite.spamscan.timeout", "5s"));
        server.beforeAll(null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.afterAll(null);
        }
        if (customer != null) {
            customer.close();
        }
        if (rspamd != null) {
            rspamd.close();
        }
    }

    @BeforeEach
    void setUp() {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = server.webAdminPort();
        putDomain("{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\"}");
    }

    private static void putDomain(String json) {
        given().contentType(ContentType.JSON).body(json).put("/hosted-domains/" + DOMAIN).then().statusCode(204);
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

    private static String dataReply(String content) throws Exception {
        return ClientSession.message("127.0.0.1", server.smtpInboundPort(), "alice@sender.test", content, "bob@" + DOMAIN).dataReply();
    }

    @Test
    void aMessageRspamdRejectsIsRefused() throws Exception {
        long before = JamesMetrics.count("mxsuite_check_spamscan_reject");

        assertThat(dataReply(message("cheap pills " + RspamdDaemon.REJECT, ""))).isEqualTo("554 5.7.1 Message rejected as spam");
        assertThat(JamesMetrics.count("mxsuite_check_spamscan_reject")).isEqualTo(before + 1);
    }

    /** Passes with our headers, which replace those the sender forged. */
    @Test
    void aCleanMessagePassesWithItsHeaders() throws Exception {
        assertThat(dataReply(message("clean figures", "X-Spam-Flag: YES\r\nX-Spam-Status: Yes, forged\r\n"))).startsWith("250");

        String delivered = Delivered.withSubject(customer, "clean figures");
        assertThat(delivered).contains("\r\nX-Spam-Flag: NO\r\n", "\r\nX-Spam-Action: no action\r\n", "\r\nX-Spam-Score: ")
            .containsPattern("\r\nX-Spam-Status: No, score=[0-9.]+ required=15.00 tests=")
            .doesNotContain("X-Spam-Flag: YES", "forged");
    }

    @Test
    void addHeaderIsAcceptedAndFlaggedForTheCustomersServer() throws Exception {
        assertThat(dataReply(message("offer " + RspamdDaemon.ADD_HEADER, ""))).startsWith("250");

        String delivered = Delivered.withSubject(customer, "offer " + RspamdDaemon.ADD_HEADER);
        assertThat(delivered).contains("\r\nX-Spam-Flag: YES\r\n", "\r\nX-Spam-Action: add header\r\n")
            .containsPattern("\r\nX-Spam-Status: Yes, score=8\\.[0-9]+ required=15.00 tests=MXSUITE_TEST_HEADER");
    }

    @Test
    void greylistIsATemporaryRefusal() throws Exception {
        assertThat(dataReply(message("maybe " + RspamdDaemon.GREYLIST, ""))).isEqualTo("450 4.7.1 Message deferred, try again later");
    }

    @Test
    void aDomainWithSpamScanningOffTakesTheMessageUnscored() throws Exception {
        putDomain("{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"spamScan\":false}");

        assertThat(dataReply(message("unscored " + RspamdDaemon.REJECT, ""))).startsWith("250");
        assertThat(Delivered.withSubject(customer, "unscored " + RspamdDaemon.REJECT)).doesNotContain("X-Spam-");
    }

    /** An unreachable rspamd lets mail through, counted. */
    @Test
    void aStoppedRspamdFailsOpen() throws Exception {
        long before = JamesMetrics.count("mxsuite_check_spamscan_unavailable");
        rspamd.stop();
        try {
            assertThat(dataReply(message("while rspamd is down", ""))).startsWith("250");
            assertThat(JamesMetrics.count("mxsuite_check_spamscan_unavailable")).isEqualTo(before + 1);
            assertThat(Delivered.withSubject(customer, "while rspamd is down")).contains("X-Spam-Scan: not scanned (scanner unavailable)");
        } finally {
            rspamd.restart();
        }
    }

    /** Not a benchmark: what scoring adds to one transaction of a clean 10 KB message, printed for the record. */
    @Test
    void aCleanTenKilobyteMessageIsScoredQuickly() throws Exception {
        String tenKilobytes = message("ten kilobytes", "") + ("Some words of an ordinary letter. ".repeat(2) + "\r\n").repeat(140);
        long scanned = ScanLatency.medianMillis(20, () -> dataReply(tenKilobytes));
        putDomain("{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"spamScan\":false}");
        long unscanned = ScanLatency.medianMillis(20, () -> dataReply(tenKilobytes));

        System.out.printf("Spam scoring of a clean %d-byte message: median SMTP transaction %d ms scored, %d ms unscored%n",
            tenKilobytes.length(), scanned, unscanned);
        assertThat(scanned).isLessThan(1000);
    }
}
