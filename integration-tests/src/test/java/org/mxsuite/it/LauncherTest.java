package org.mxsuite.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import org.apache.commons.net.imap.IMAPClient;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/** {@code ./mxsuite start} as a user runs it: every protocol answers, and hosted domains survive a restart. */
class LauncherTest {
    private LaunchedServer server;

    @BeforeEach
    void setUp() throws IOException {
        server = new LaunchedServer();
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void startServesEveryProtocolAndKeepsHostedDomainsAcrossARestart() throws Exception {
        server.start();

        assertSmtpGreetsAndEhloWorks();
        assertImapAndPop3Greet();
        server.webAdmin().get("/healthcheck").then().statusCode(200);
        server.webAdmin().contentType(ContentType.JSON)
            .body("{\"service\":\"backup\",\"destination\":\"mx.customer.example:2525\"}")
            .put("/hosted-domains/example.com").then().statusCode(204);
        Path keystore = server.home().resolve("tls/keystore.p12");
        assertThat(keystore).exists();
        FileTime keystoreTime = Files.getLastModifiedTime(keystore);

        assertThat(server.stop(Duration.ofSeconds(90))).as("stops on SIGTERM:\n%s", server.tail()).isTrue();
        assertThat(server.currentLog()).contains("JAMES server stopped");
        server.start();

        server.webAdmin().get("/hosted-domains/example.com")
            .then().statusCode(200)
            .body("service", equalTo("backup"))
            .body("destination", equalTo("mx.customer.example:2525"));
        assertThat(Files.getLastModifiedTime(keystore)).as("the keystore is made once").isEqualTo(keystoreTime);
        assertThat(server.currentLog()).contains("  SMTP inbound (MX)    127.0.0.1:" + server.smtpPort(),
            "  data                 " + server.home());
    }

    private void assertSmtpGreetsAndEhloWorks() throws IOException {
        SMTPClient smtp = new SMTPClient();
        smtp.connect("127.0.0.1", server.smtpPort());
        try {
            assertThat(smtp.getReplyCode()).isEqualTo(220);
            assertThat(smtp.sendCommand("EHLO client.example")).isEqualTo(250);
        } finally {
            smtp.disconnect();
        }
    }

    private void assertImapAndPop3Greet() throws IOException {
        IMAPClient imap = new IMAPClient();
        imap.connect("127.0.0.1", server.port("IMAP"));
        assertThat(imap.getReplyString()).startsWith("* OK");
        imap.disconnect();
        POP3Client pop3 = new POP3Client();
        pop3.connect("127.0.0.1", server.port("POP3"));
        assertThat(pop3.getReplyString()).startsWith("+OK");
        pop3.disconnect();
    }
}
