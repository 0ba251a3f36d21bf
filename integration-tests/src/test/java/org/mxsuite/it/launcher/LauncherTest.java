package org.mxsuite.it.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.net.imap.IMAPClient;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mxsuite.it.support.CommandLineWatch;
import org.mxsuite.it.support.LaunchedServer;

import io.restassured.http.ContentType;

/** {@code ./mxsuite start} as a user runs it: every protocol answers, and hosted domains survive a restart. */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(LaunchedServer.LOCK)
class LauncherTest {
    private static final String SRS_SECRET = "an-srs-secret-given-in-the-environment";

    private LaunchedServer server;

    @BeforeEach
    void setUp() throws IOException {
        server = new LaunchedServer(Map.of("MXSUITE_FORWARD_SRSSECRETS", SRS_SECRET));
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void startServesEveryProtocolKeepsItsSecretsAndFilesToItselfAndHostedDomainsAcrossARestart() throws Exception {
        Set<String> commandLines;
        try (CommandLineWatch watch = CommandLineWatch.of(ProcessHandle.current())) {
            server.start();
            commandLines = watch.seen();
        }

        assertSmtpGreetsAndEhloWorks();
        assertImapAndPop3Greet();
        server.webAdmin().get("/healthcheck").then().statusCode(200);
        server.webAdmin().contentType(ContentType.JSON)
            .body("{\"service\":\"backup\",\"destination\":\"mx.customer.example:2525\"}")
            .put("/hosted-domains/example.com").then().statusCode(204);
        Path keystore = server.home().resolve("tls/keystore.p12");
        assertThat(keystore).exists();
        FileTime keystoreTime = Files.getLastModifiedTime(keystore);
        // what ps shows every user of the machine: the JVM's, keytool's while it made the keystore
        String keystoreSecret = Files.readString(server.home().resolve("tls/keystore.secret")).trim();
        assertThat(commandLines).anyMatch(line -> line.contains("org.mxsuite.embedded.EmbeddedServer"))
            .noneMatch(line -> line.contains(keystoreSecret) || line.contains(SRS_SECRET));
        // whatever the caller's umask (022 here): mail, state, keys, configuration and logs are the owner's
        try (Stream<Path> paths = Files.walk(server.home())) {
            assertThat(paths.collect(Collectors.toList())).isNotEmpty().allSatisfy(path ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString()).endsWith("------"));
        }

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

    @Test
    void outsideLoopbackItRefusesToStartUnderANameThatIsNotFullyQualified() throws Exception {
        // on loopback (the other tests) any name is accepted: docs/configuration.md, "The server's name"
        try (LaunchedServer refused = new LaunchedServer(Map.of("MXSUITE_BIND", "0.0.0.0", "MXSUITE_DELIVERY_HELONAME", "mailhost"))) {
            assertThatThrownBy(refused::start).hasMessageContaining("did not come up");

            assertThat(refused.isAlive()).isFalse();
            assertThat(refused.currentLog()).contains("MX Suite refuses to start: the name this server gives in EHLO when it delivers"
                + " and signs SRS addresses of forwarded mail with is 'mailhost' (delivery.heloName), a bare host name");
        }
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
