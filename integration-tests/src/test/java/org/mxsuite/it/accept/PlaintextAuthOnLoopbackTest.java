package org.mxsuite.it.accept;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.Users.ensureUser;

import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.net.imap.IMAPClient;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.embedded.EmbeddedSettings;
import org.mxsuite.it.support.MxSuiteServer;

/**
 * {@code ./mxsuite start} listening on loopback only (its default) allows plaintext AUTH without TLS, since nothing
 * crosses a network; listening anywhere else, it does not.
 */
class PlaintextAuthOnLoopbackTest {
    private static final String USER = "dave@loopback.example";

    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer(Map.of("mxsuite.auth.requiretls",
        EmbeddedSettings.from(Path.of("var"), Map.of()).get("mxsuite.auth.requiretls")));

    @BeforeEach
    void setUp() {
        putDomain("loopback.example", "{\"service\":\"mailbox\"}");
        ensureUser(USER, "dave-secret");
    }

    @Test
    void theEmbeddedDefaultRequiresTlsOnlyWhenNotOnLoopback() {
        assertThat(EmbeddedSettings.from(Path.of("var"), Map.of()).get("mxsuite.auth.requiretls")).isEqualTo("false");
        assertThat(EmbeddedSettings.from(Path.of("var"), Map.of("MXSUITE_BIND", "0.0.0.0")).get("mxsuite.auth.requiretls")).isEqualTo("true");
        assertThat(EmbeddedSettings.from(Path.of("var"), Map.of("MXSUITE_BIND", "::1")).get("mxsuite.auth.requiretls")).isEqualTo("false");
        assertThat(EmbeddedSettings.from(Path.of("var"), Map.of("MXSUITE_AUTH_REQUIRETLS", "true")).get("mxsuite.auth.requiretls")).isEqualTo("true");
    }

    @Test
    void submissionImapAndPop3TakePlaintextLogins() throws Exception {
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient();
        smtp.connect("127.0.0.1", server.smtpSubmissionPort());
        try {
            smtp.ehlo("client.test");
            assertThat(smtp.getReplyString()).contains("AUTH LOGIN PLAIN");
            assertThat(smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.LOGIN, USER, "dave-secret")).isTrue();
        } finally {
            smtp.disconnect();
        }

        IMAPClient imap = new IMAPClient();
        imap.connect("127.0.0.1", server.imapPort());
        try {
            assertThat(imap.login(USER, "dave-secret")).as(imap.getReplyString()).isTrue();
        } finally {
            imap.disconnect();
        }

        POP3Client pop3 = new POP3Client();
        pop3.connect("127.0.0.1", server.pop3Port());
        try {
            assertThat(pop3.login(USER, "dave-secret")).as(pop3.getReplyString()).isTrue();
        } finally {
            pop3.disconnect();
        }
    }
}
