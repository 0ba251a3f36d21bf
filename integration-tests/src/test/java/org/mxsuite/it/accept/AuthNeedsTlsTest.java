package org.mxsuite.it.accept;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.embedded.EmbeddedSettings;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.TrustAllTls;

import io.restassured.http.ContentType;

/**
 * Where TLS is required for AUTH ({@code ./mxsuite start} listening on anything but loopback, the Docker image), an
 * AUTH without TLS is refused with 538 5.7.11 before any credential is asked for, whether or not the client saw AUTH
 * announced: a man in the middle that strips STARTTLS gets neither the password nor a working login.
 */
class AuthNeedsTlsTest {
    private static final String PASSWORD = "relay-password-1";

    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer(Map.of("mxsuite.auth.requiretls",
        EmbeddedSettings.from(Path.of("var"), Map.of("MXSUITE_BIND", "0.0.0.0")).get("mxsuite.auth.requiretls")));

    @BeforeEach
    void setUp() {
        given().contentType(ContentType.JSON).body("{\"password\":\"" + PASSWORD + "\",\"domains\":[\"shop.example.net\"]}")
            .put("/relay-accounts/acme").then().statusCode(org.hamcrest.Matchers.oneOf(201, 204));
    }

    @Test
    void authInCleartextIsRefusedWith538OnTheStartTlsPortsAndTakenAfterStartTls() throws Exception {
        String initialResponse = Base64.getEncoder().encodeToString(("\0acme\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (int port : List.of(server.smtpInboundPort(), server.smtpSubmissionPort())) {
            AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient(false, TrustAllTls.context());
            smtp.connect("127.0.0.1", port);
            try {
                smtp.ehlo("client.test");
                assertThat(smtp.getReplyString()).doesNotContain("AUTH");

                assertThat(smtp.sendCommand("AUTH PLAIN " + initialResponse)).as("port %s", port).isEqualTo(538);
                assertThat(smtp.getReplyString()).startsWith("538 5.7.11 Encryption required for requested authentication mechanism");
                assertThat(smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, "acme", PASSWORD)).isFalse();
                assertThat(smtp.getReplyString()).startsWith("538 5.7.11");
                assertThat(smtp.sendCommand("AUTH LOGIN")).as("refused before the user name is asked for").isEqualTo(538);
                assertThat(smtp.setSender("alice@shop.example.net")).isTrue();
                assertThat(smtp.addRecipient("friend@elsewhere.example")).as("no login: no relay").isFalse();
                smtp.reset();

                assertThat(smtp.execTLS()).isTrue();
                smtp.ehlo("client.test");
                assertThat(smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, "acme", PASSWORD)).as(smtp.getReplyString()).isTrue();
            } finally {
                smtp.disconnect();
            }
        }
    }
}
