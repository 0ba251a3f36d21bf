package org.mxsuite.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.net.imap.IMAPClient;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./mxsuite start} as a user runs it: a separate JVM running the stock James memory server, which loads the
 * suite from the plugin jar in extensions-jars/. Ports are free ones picked here, passed as MXSUITE_* variables.
 */
class LauncherTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private Path home;
    private Path log;
    private Map<String, Integer> ports;
    private Process process;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createTempDirectory("mxsuite-home");
        log = Files.createTempFile("mxsuite-start", ".log");
        ports = new LinkedHashMap<>();
        for (String name : new String[] {"SMTP", "SUBMISSION", "SMTPS", "IMAP", "IMAPS", "POP3", "POP3S", "WEBADMIN"}) {
            ports.put(name, freePort());
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        MxSuiteServer.deleteRecursively(home);
        Files.deleteIfExists(log);
    }

    @Test
    void startServesEveryProtocolAndKeepsHostedDomainsAcrossARestart() throws Exception {
        start();

        assertSmtpGreetsAndEhloWorks();
        assertImapAndPop3Greet();
        given().baseUri("http://127.0.0.1").port(ports.get("WEBADMIN"))
            .get("/healthcheck").then().statusCode(200);
        given().baseUri("http://127.0.0.1").port(ports.get("WEBADMIN"))
            .body("{\"service\":\"backup\",\"destination\":\"mx.customer.example:2525\"}")
            .put("/hosted-domains/example.com").then().statusCode(204);
        Path keystore = home.resolve("tls/keystore.p12");
        assertThat(keystore).exists();
        FileTime keystoreTime = Files.getLastModifiedTime(keystore);

        stopWithSigterm();
        start();

        given().baseUri("http://127.0.0.1").port(ports.get("WEBADMIN"))
            .get("/hosted-domains/example.com")
            .then().statusCode(200)
            .body("service", equalTo("backup"))
            .body("destination", equalTo("mx.customer.example:2525"));
        assertThat(Files.getLastModifiedTime(keystore)).as("the keystore is made once").isEqualTo(keystoreTime);
        assertThat(Files.readString(log)).contains("  SMTP inbound (MX)    127.0.0.1:" + ports.get("SMTP"), "  data                 " + home);
    }

    private void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Repository.root().resolve("mxsuite").toString(), "start")
            .directory(Repository.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("MXSUITE_"));
        environment.put("MXSUITE_HOME", home.toString());
        environment.put("MXSUITE_NO_BUILD", "1");
        ports.forEach((name, port) -> environment.put("MXSUITE_" + name + "_PORT", String.valueOf(port)));
        Files.writeString(log, "");
        process = builder.start();

        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.readString(log).contains("MX Suite is running.")) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("./mxsuite start did not come up:\n" + tail());
            }
            Thread.sleep(200);
        }
    }

    private void stopWithSigterm() throws InterruptedException, IOException {
        process.destroy();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stops on SIGTERM:\n%s", tail()).isTrue();
        assertThat(Files.readString(log)).contains("JAMES server stopped");
    }

    private void assertSmtpGreetsAndEhloWorks() throws IOException {
        SMTPClient smtp = new SMTPClient();
        smtp.connect("127.0.0.1", ports.get("SMTP"));
        try {
            assertThat(smtp.getReplyCode()).isEqualTo(220);
            assertThat(smtp.sendCommand("EHLO client.example")).isEqualTo(250);
        } finally {
            smtp.disconnect();
        }
    }

    private void assertImapAndPop3Greet() throws IOException {
        IMAPClient imap = new IMAPClient();
        imap.connect("127.0.0.1", ports.get("IMAP"));
        assertThat(imap.getReplyString()).startsWith("* OK");
        imap.disconnect();
        POP3Client pop3 = new POP3Client();
        pop3.connect("127.0.0.1", ports.get("POP3"));
        assertThat(pop3.getReplyString()).startsWith("+OK");
        pop3.disconnect();
    }

    private String tail() throws IOException {
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return output.substring(Math.max(0, output.length() - 4000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
