package org.mxsuite.it.accept;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.util.List;

import org.apache.commons.net.imap.IMAPClient;
import org.apache.commons.net.imap.IMAPSClient;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3SClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.apache.commons.net.smtp.SMTPSClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.TrustAllTls;

/** Every listener of james-conf/ answers a real client; TLS uses the generated keystore. */
@SharesTheServer
class ProtocolsTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @Test
    void inboundSmtpGreetsAndOffersStartTlsButNoAuth() throws IOException {
        SMTPClient smtp = new SMTPClient();
        smtp.connect("127.0.0.1", server.smtpInboundPort());
        try {
            assertThat(smtp.getReplyCode()).isEqualTo(220);
            String greeting = smtp.getReplyString();
            assertThat(smtp.sendCommand("EHLO client.example")).isEqualTo(250);
            assertThat(smtp.getReplyString()).contains("STARTTLS", "ENHANCEDSTATUSCODES", "SIZE 52428800")
                .doesNotContain("AUTH");
            // RFC 5321 section 4.3.1: the greeting begins with the server's name, the one its EHLO reply gives (the
            // delivery engine's loop check reads it in the greetings of the servers it delivers to)
            String name = smtp.getReplyString().substring(4).split("\\s+")[0];
            assertThat(greeting).startsWith("220 " + name + " ");
        } finally {
            smtp.disconnect();
        }
    }

    @Test
    void inboundSmtpRefusesToRelayForAnUnauthenticatedClientOnLoopback() throws IOException {
        SMTPClient smtp = new SMTPClient();
        smtp.connect("127.0.0.1", server.smtpInboundPort());
        try {
            smtp.helo("client.example");
            assertThat(smtp.setSender("someone@sender.example")).isTrue();
            smtp.addRecipient("victim@elsewhere.example");
            assertThat(SMTPReply.isNegativePermanent(smtp.getReplyCode()))
                .as("RCPT to a foreign domain: %s", smtp.getReplyString()).isTrue();
        } finally {
            smtp.disconnect();
        }
    }

    @Test
    void anEnvelopeAddressWithAControlCharacterIsRefusedAtMailAndRcpt() throws IOException {
        // what James's parser takes: a quoted pair (backslash then the character) or the character in a quoted string
        for (String control : List.of("\\\r", "\\\u0000", "\\\u001b", "\t", "\u007f")) {
            String visible = control.replace("\r", "CR").replace("\u0000", "NUL").replace("\u001b", "ESC").replace("\t", "TAB")
                .replace("\u007f", "DEL");
            SMTPClient smtp = new SMTPClient();
            smtp.connect("127.0.0.1", server.smtpInboundPort());
            try {
                smtp.sendCommand("EHLO client.example");
                smtp.sendCommand("MAIL FROM:<\"a" + control + "RSET\"@sender.example>");
                assertThat(smtp.getReplyString()).as(visible)
                    .startsWith("501 5.1.7 Bad sender address syntax: an address may not hold control characters");
                assertThat(smtp.sendCommand("MAIL FROM:<a@sender.example>")).isEqualTo(250);
                smtp.sendCommand("RCPT TO:<\"b" + control + "RSET\"@customer.example>");
                assertThat(smtp.getReplyString()).as(visible)
                    .startsWith("501 5.1.3 Bad recipient address syntax: an address may not hold control characters");
            } finally {
                smtp.disconnect();
            }
        }
    }

    @Test
    void submissionOffersAuthOnlyAfterStartTls() throws Exception {
        SMTPSClient smtp = new SMTPSClient(false, TrustAllTls.context());
        smtp.connect("127.0.0.1", server.smtpSubmissionPort());
        try {
            assertThat(smtp.sendCommand("EHLO client.example")).isEqualTo(250);
            assertThat(smtp.getReplyString()).contains("STARTTLS");
            assertThat(smtp.execTLS()).isTrue();
            assertThat(smtp.sendCommand("EHLO client.example")).isEqualTo(250);
            assertThat(smtp.getReplyString()).contains("AUTH LOGIN PLAIN");
        } finally {
            smtp.disconnect();
        }
    }

    @Test
    void smtpsSpeaksImplicitTls() throws Exception {
        SMTPSClient smtp = new SMTPSClient(true, TrustAllTls.context());
        smtp.connect("127.0.0.1", server.smtpsPort());
        try {
            assertThat(smtp.getReplyCode()).isEqualTo(220);
            assertThat(smtp.sendCommand("EHLO client.example")).isEqualTo(250);
            assertThat(smtp.getReplyString()).contains("AUTH LOGIN PLAIN");
        } finally {
            smtp.disconnect();
        }
    }

    @Test
    void imapGreetsAndOffersStartTls() throws IOException {
        IMAPClient imap = new IMAPClient();
        imap.connect("127.0.0.1", server.imapPort());
        try {
            assertThat(imap.getReplyString()).startsWith("* OK");
            assertThat(imap.capability()).isTrue();
            assertThat(imap.getReplyString()).contains("STARTTLS", "LOGINDISABLED");
        } finally {
            imap.disconnect();
        }
    }

    @Test
    void imapsSpeaksImplicitTls() throws Exception {
        IMAPSClient imap = new IMAPSClient(true, TrustAllTls.context());
        imap.connect("127.0.0.1", server.imapsPort());
        try {
            assertThat(imap.getReplyString()).startsWith("* OK");
            assertThat(imap.capability()).isTrue();
            assertThat(imap.getReplyString()).doesNotContain("LOGINDISABLED");
        } finally {
            imap.disconnect();
        }
    }

    @Test
    void pop3Greets() throws IOException {
        POP3Client pop3 = new POP3Client();
        pop3.connect("127.0.0.1", server.pop3Port());
        try {
            assertThat(pop3.getReplyString()).startsWith("+OK");
        } finally {
            pop3.disconnect();
        }
    }

    @Test
    void pop3sSpeaksImplicitTls() throws Exception {
        POP3SClient pop3 = new POP3SClient(true, TrustAllTls.context());
        pop3.connect("127.0.0.1", server.pop3sPort());
        try {
            assertThat(pop3.getReplyString()).startsWith("+OK");
        } finally {
            pop3.disconnect();
        }
    }

    @Test
    void webAdminHealthcheckIsHealthy() {
        given().baseUri("http://127.0.0.1").port(server.webAdminPort())
            .get("/healthcheck")
            .then().statusCode(200)
            .body("status", equalTo("healthy"));
    }
}
