package org.mxsuite.it.check;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.it.MxSuiteServer;
import org.mxsuite.it.smtp.CustomerSmtpServer;
import org.mxsuite.scan.ClamdDaemon;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Virus scanning at the end of DATA on the in-process server against a real clamd started here, with a one-signature
 * database (the EICAR test file). Skipped, saying why, where clamd is not installed.
 */
class VirusScanTest {
    private static final String DOMAIN = "customer.test";
    private static final long MAX_SIZE = 64 * 1024;

    private static ClamdDaemon clamd;
    private static MxSuiteServer server;
    private static CustomerSmtpServer customer;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(ClamdDaemon.isInstalled(), "clamd is not installed (Debian: apt-get install clamav-daemon)");
        clamd = ClamdDaemon.start();
        customer = new CustomerSmtpServer().start();
        server = new MxSuiteServer(Map.of("mxsuite.checks.virusscan.enabled", "true",
            "mxsuite.virusscan.clamd", "127.0.0.1:" + clamd.port(),
            "mxsuite.virusscan.timeout", "5s",
            "mxsuite.virusscan.maxsize", String.valueOf(MAX_SIZE)));
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
        if (clamd != null) {
            clamd.close();
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

    static String message(String subject, String attachment, String text) {
        return "From: Alice <alice@sender.test>\r\n"
            + "To: bob@customer.test\r\n"
            + "Subject: " + subject + "\r\n"
            + "Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <report@sender.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
            + "\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + text
            + "--b1\r\n"
            + "Content-Type: application/octet-stream; name=\"report.com\"\r\n"
            + "Content-Disposition: attachment; filename=\"report.com\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + Base64.getMimeEncoder().encodeToString(attachment.getBytes(StandardCharsets.US_ASCII)) + "\r\n"
            + "--b1--\r\n";
    }

    private static String dataReply(String content) throws Exception {
        return ClientSession.message("127.0.0.1", server.smtpInboundPort(), "alice@sender.test", content, "bob@" + DOMAIN).dataReply();
    }

    @Test
    void anEicarAttachmentIsRefusedWithTheSignatureName() throws Exception {
        long before = JamesMetrics.count("mxsuite_check_virusscan_infected");

        assertThat(dataReply(message("infected", ClamdDaemon.EICAR, "See attached.\r\n")))
            .isEqualTo("554 5.7.1 Message rejected: virus found (" + ClamdDaemon.SIGNATURE + ")");
        assertThat(JamesMetrics.count("mxsuite_check_virusscan_infected")).isEqualTo(before + 1);
    }

    @Test
    void aCleanMessagePasses() throws Exception {
        assertThat(dataReply(message("clean report", "just a report", "See attached.\r\n"))).startsWith("250");

        assertThat(Delivered.withSubject(customer, "clean report")).doesNotContain("X-Virus-Scan");
    }

    @Test
    void aMessageOverTheSizeLimitIsAcceptedUnscannedAndMarked() throws Exception {
        String large = message("large report", ClamdDaemon.EICAR, ("x".repeat(76) + "\r\n").repeat(1000));

        assertThat(dataReply(large)).startsWith("250");

        assertThat(Delivered.withSubject(customer, "large report")).containsPattern("X-Virus-Scan: skipped \\(size \\d+ > limit " + MAX_SIZE + "\\)\r\n");
    }

    @Test
    void aDomainWithVirusScanningOffTakesTheMessage() throws Exception {
        putDomain("{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"virusScan\":false}");

        assertThat(dataReply(message("infected", ClamdDaemon.EICAR, "See attached.\r\n"))).startsWith("250");
    }

    @Test
    void aStoppedClamdGetsATemporaryFailure() throws Exception {
        clamd.stop();
        try {
            assertThat(dataReply(message("report", "just a report", "See attached.\r\n"))).isEqualTo("451 4.3.0 Virus scanner unavailable, try again later");
        } finally {
            clamd.restart();
        }
    }

    /** Not a benchmark: what a scan adds to one transaction of a clean 10 KB message, printed for the record. */
    @Test
    void aCleanTenKilobyteMessageIsScannedQuickly() throws Exception {
        String tenKilobytes = message("ten kilobytes", "just a report", ("y".repeat(76) + "\r\n").repeat(120));
        long scanned = ScanLatency.medianMillis(20, () -> dataReply(tenKilobytes));
        putDomain("{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\",\"virusScan\":false}");
        long unscanned = ScanLatency.medianMillis(20, () -> dataReply(tenKilobytes));

        System.out.printf("Virus scan of a clean %d-byte message: median SMTP transaction %d ms scanned, %d ms unscanned%n",
            tenKilobytes.length(), scanned, unscanned);
        assertThat(scanned).isLessThan(1000);
    }
}
