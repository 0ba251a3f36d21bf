package org.mxsuite.it.accept;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.Users.ensureUser;

import java.io.EOFException;
import java.time.Duration;
import java.util.Map;

import org.apache.commons.net.imap.AuthenticatingIMAPClient;
import org.apache.commons.net.imap.IMAPSClient;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.AdjustableClock;
import org.mxsuite.it.support.MailClients;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.TrustAllTls;

import io.restassured.RestAssured;

/**
 * Brute-force bans on the in-process server with real SMTP, IMAP and POP3 clients, all from 127.0.0.1 (not exempt:
 * the server's default). Time is a clock the test moves forward.
 */
class BansTest {
    private static final String DOMAIN = "bans.example";
    private static final String USER = "carol@" + DOMAIN;
    private static final String PASSWORD = "carol-secret";
    private static final String LOOPBACK = "127.0.0.1";

    static AdjustableClock clock = new AdjustableClock();

    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer(Map.of(), clock);

    @BeforeEach
    void setUp() {
        putDomain(DOMAIN, "{\"service\":\"mailbox\"}");
        ensureUser(USER, PASSWORD);
    }

    @AfterEach
    void liftBans() {
        given().delete("/bans/" + LOOPBACK);
        // the user's own count too: each test's failures were also counted against its name
        given().delete("/bans/users/" + USER);
    }

    private void failOverSmtp() throws Exception {
        assertThat(MailClients.smtpAuth(server.smtpSubmissionPort(), USER, "wrong")).startsWith("535");
    }

    private void failOverImap() throws Exception {
        assertThat(MailClients.imapLogin(server.imapsPort(), USER, "wrong")).contains("NO LOGIN failed");
    }

    private void failOverPop3() throws Exception {
        assertThat(MailClients.pop3Login(server.pop3sPort(), USER, "wrong")).contains("-ERR");
    }

    private void assertAllowedEverywhere() throws Exception {
        assertThat(MailClients.smtpAuth(server.smtpSubmissionPort(), USER, PASSWORD)).startsWith("235");
        assertThat(MailClients.imapLogin(server.imapsPort(), USER, PASSWORD)).contains("OK LOGIN completed");
        IMAPSClient imapStartTls = new IMAPSClient(false, TrustAllTls.context());
        imapStartTls.connect(LOOPBACK, server.imapPort());
        try {
            assertThat(imapStartTls.execTLS()).isTrue();
            assertThat(imapStartTls.login(USER, PASSWORD)).isTrue();
        } finally {
            imapStartTls.disconnect();
        }
        assertThat(MailClients.pop3Login(server.pop3sPort(), USER, PASSWORD)).contains("+OK Welcome");
    }

    /** Everything the server says to a client that only connects, until it closes the connection. */
    private static String allSaidOnConnect(int port) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(LOOPBACK, port)) {
            socket.setSoTimeout(10_000);
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private void assertBannedEverywhere() throws Exception {
        // refused and closed at once: no greeting follows the refusal
        assertThat(allSaidOnConnect(server.smtpInboundPort())).startsWith("554 5.7.1 " + LOOPBACK + " is banned").doesNotContain("220");
        assertThat(allSaidOnConnect(server.pop3Port())).startsWith("-ERR " + LOOPBACK + " is banned").doesNotContain("+OK");
        SMTPClient smtp = new SMTPClient();
        smtp.connect(LOOPBACK, server.smtpInboundPort());
        try {
            assertThat(smtp.getReplyCode()).isEqualTo(554);
            assertThat(smtp.getReplyString()).contains("5.7.1", LOOPBACK + " is banned");
        } finally {
            smtp.disconnect();
        }
        SMTPSClient smtps = new SMTPSClient(true, TrustAllTls.context());
        smtps.connect(LOOPBACK, server.smtpsPort());
        try {
            assertThat(smtps.getReplyCode()).isEqualTo(554);
        } finally {
            smtps.disconnect();
        }
        assertThat(MailClients.smtpAuth(server.smtpSubmissionPort(), USER, PASSWORD)).startsWith("554 5.7.1");
        String imap = MailClients.imapLogin(server.imapsPort(), USER, PASSWORD);
        assertThat(imap).contains("* BYE " + LOOPBACK + " is banned").doesNotContain("LOGIN completed");
        IMAPSClient imapFirstCommand = new IMAPSClient(true, TrustAllTls.context());
        imapFirstCommand.connect(LOOPBACK, server.imapsPort());
        try {
            assertThatThrownBy(imapFirstCommand::capability).isInstanceOf(EOFException.class);
            assertThat(imapFirstCommand.getReplyString()).contains("* BYE " + LOOPBACK + " is banned");
        } finally {
            imapFirstCommand.disconnect();
        }
        IMAPSClient imapStartTls = new IMAPSClient(false, TrustAllTls.context());
        imapStartTls.connect(LOOPBACK, server.imapPort());
        try {
            assertThatThrownBy(imapStartTls::execTLS).isInstanceOf(EOFException.class);
            assertThat(imapStartTls.getReplyString()).contains("* BYE " + LOOPBACK + " is banned");
        } finally {
            imapStartTls.disconnect();
        }
        String pop3 = MailClients.pop3Login(server.pop3sPort(), USER, PASSWORD);
        assertThat(pop3).startsWith("-ERR " + LOOPBACK + " is banned").doesNotContain("Welcome");
    }

    @Test
    void theEleventhFailureMixingProtocolsBansTheAddressEverywhere() throws Exception {
        for (int i = 0; i < 4; i++) {
            failOverSmtp();
        }
        for (int i = 0; i < 4; i++) {
            failOverImap();
        }
        failOverPop3();
        failOverPop3();
        // ten failures: tolerated, and the right password still works (successful logins do not count)
        assertAllowedEverywhere();
        given().get("/bans").then().statusCode(200).body("", hasSize(0));

        failOverPop3();

        assertBannedEverywhere();
        given().get("/bans").then().statusCode(200)
            .body("", hasSize(1))
            .body("[0].address", equalTo(LOOPBACK))
            .body("[0].failures", equalTo(11))
            .body("[0].reason", containsString("11 failed logins within 1h"));
    }

    @Test
    void whatNeverReachesACredentialCheckNeverBans() throws Exception {
        for (int i = 0; i < 12; i++) {
            // SMTP: connections and commands, an AUTH refused for want of TLS, and one whose credentials cannot even be
            // decoded
            SMTPClient smtp = new SMTPClient();
            smtp.connect(LOOPBACK, server.smtpSubmissionPort());
            try {
                smtp.sendCommand("EHLO client.test");
                smtp.sendCommand("AUTH PLAIN AHVzZXIAd3Jvbmc=");
                assertThat(smtp.getReplyCode()).isEqualTo(538);
            } finally {
                smtp.disconnect();
            }
            org.apache.commons.net.smtp.SMTPSClient smtps = new org.apache.commons.net.smtp.SMTPSClient(true, TrustAllTls.context());
            smtps.connect(LOOPBACK, server.smtpsPort());
            try {
                smtps.sendCommand("EHLO client.test");
                smtps.sendCommand("AUTH PLAIN not-base64!");
                assertThat(smtps.getReplyCode()).isEqualTo(501);
            } finally {
                smtps.disconnect();
            }
            // POP3: a password refused for want of TLS, and PASS without USER
            assertThat(MailClients.pop3LoginInClear(server.pop3Port(), USER, "wrong")).contains("-ERR PASS is refused on an unencrypted connection");
            org.apache.commons.net.pop3.POP3SClient pop3 = new org.apache.commons.net.pop3.POP3SClient(true, TrustAllTls.context());
            pop3.connect(LOOPBACK, server.pop3sPort());
            try {
                pop3.sendCommand("PASS wrong");
                assertThat(pop3.getReplyString()).startsWith("-ERR");
            } finally {
                pop3.disconnect();
            }
            // IMAP: LOGIN refused in clear (LOGINDISABLED), and commands before any login
            org.apache.commons.net.imap.IMAPClient imap = new org.apache.commons.net.imap.IMAPClient();
            imap.connect(LOOPBACK, server.imapPort());
            try {
                assertThat(imap.capability()).isTrue();
                assertThat(imap.login(USER, "wrong")).isFalse();
                assertThat(imap.noop()).isTrue();
            } finally {
                imap.disconnect();
            }
        }

        given().get("/bans").then().body("", hasSize(0));
        assertAllowedEverywhere();
    }

    @Test
    void aConnectionOpenBeforeTheBanIsRefusedAtItsNextLogin() throws Exception {
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient(false, TrustAllTls.context());
        smtp.connect(LOOPBACK, server.smtpSubmissionPort());
        org.apache.commons.net.pop3.POP3SClient pop3 = new org.apache.commons.net.pop3.POP3SClient(true, TrustAllTls.context());
        pop3.connect(LOOPBACK, server.pop3sPort());
        try {
            smtp.ehlo("client.test");
            assertThat(smtp.execTLS()).isTrue();
            smtp.ehlo("client.test");
            for (int i = 0; i < 11; i++) {
                assertThat(smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, USER, "wrong")).isFalse();
                assertThat(smtp.getReplyCode()).isEqualTo(535);
            }

            assertThat(smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, USER, PASSWORD)).isFalse();
            assertThat(smtp.getReplyString()).startsWith("554 5.7.1 " + LOOPBACK + " is banned");
            assertThat(pop3.login(USER, PASSWORD)).isFalse();
            assertThat(pop3.getReplyString()).startsWith("-ERR " + LOOPBACK + " is banned");
        } finally {
            smtp.disconnect();
            pop3.disconnect();
        }
    }

    @Test
    void liftingTheBanRestoresAccess() throws Exception {
        for (int i = 0; i < 11; i++) {
            failOverSmtp();
        }
        assertBannedEverywhere();

        given().delete("/bans/" + LOOPBACK).then().statusCode(204);

        assertAllowedEverywhere();
        given().delete("/bans/" + LOOPBACK).then().statusCode(404);
    }

    @Test
    void anExpiredBanLetsTheAddressInAgain() throws Exception {
        given().body("{\"reason\":\"abuse report\"}").put("/bans/" + LOOPBACK).then().statusCode(200)
            .body("reason", equalTo("abuse report"));
        assertBannedEverywhere();

        clock.advance(Duration.ofMinutes(59));
        assertThat(MailClients.pop3Login(server.pop3sPort(), USER, PASSWORD)).startsWith("-ERR");

        clock.advance(Duration.ofMinutes(1));
        assertAllowedEverywhere();
        given().get("/bans").then().body("", hasSize(0));
    }

    @Test
    void imapFailuresAloneAreCountedAgainstTheClientAddress() throws Exception {
        // proves on James 3.8.1 that the IMAP client's address is found (see ImapClientAddress)
        for (int i = 0; i < 11; i++) {
            failOverImap();
        }

        given().get("/bans/" + LOOPBACK).then().statusCode(200).body("reason", containsString("last over IMAP"));
    }

    @Test
    void imapAuthenticateFailuresCountAndABannedClientGetsByeBeforeItsCredentials() throws Exception {
        for (int i = 0; i < 11; i++) {
            AuthenticatingIMAPClient imap = new AuthenticatingIMAPClient(true, TrustAllTls.context());
            imap.connect(LOOPBACK, server.imapsPort());
            try {
                assertThat(imap.authenticate(AuthenticatingIMAPClient.AUTH_METHOD.PLAIN, USER, "wrong")).isFalse();
            } finally {
                imap.disconnect();
            }
        }
        given().get("/bans/" + LOOPBACK).then().statusCode(200);

        AuthenticatingIMAPClient imap = new AuthenticatingIMAPClient(true, TrustAllTls.context());
        imap.connect(LOOPBACK, server.imapsPort());
        try {
            assertThatThrownBy(() -> imap.authenticate(AuthenticatingIMAPClient.AUTH_METHOD.PLAIN, USER, PASSWORD))
                .isInstanceOf(EOFException.class);
            // BYE instead of the continuation that would ask for the credentials
            assertThat(imap.getReplyString()).contains("* BYE " + LOOPBACK + " is banned").doesNotContain("+");
        } finally {
            imap.disconnect();
        }
    }

    @Test
    void bansSurviveARestart() throws Exception {
        for (int i = 0; i < 11; i++) {
            failOverImap();
        }

        server.restart();
        RestAssured.port = server.webAdminPort();

        assertBannedEverywhere();
        given().get("/bans").then().body("[0].address", equalTo(LOOPBACK));
    }

    @Test
    void bansByHandAreValidated() {
        given().put("/bans/not-an-address").then().statusCode(400);
        given().put("/bans/192.0.2.0%2F24").then().statusCode(400);
        given().body("{\"duration\":\"forever\"}").put("/bans/192.0.2.1").then().statusCode(400);
        given().body("{\"color\":\"red\"}").put("/bans/192.0.2.1").then().statusCode(400);
        given().get("/bans/192.0.2.1").then().statusCode(404);

        given().body("{\"duration\":\"2d\"}").put("/bans/2001:db8::1").then().statusCode(200)
            .body("address", equalTo("2001:db8:0:0:0:0:0:1"));
        given().get("/bans/2001:db8:0::1").then().statusCode(200).body("failures", equalTo(0));
        given().delete("/bans/2001:db8::1").then().statusCode(204);
    }
}
