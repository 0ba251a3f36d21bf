package org.mxsuite.it.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.Users.putUser;

import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.Delivered;
import org.mxsuite.it.support.MailClients;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.TrustAllTls;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The {@code mailbox} service end to end: a domain made a mailbox domain over REST, its users made with James's
 * {@code /users} routes, mail received over SMTP and read over IMAP and POP3, mail sent over submission.
 */
@SharesTheServer
class MailboxTest {
    private static final String DOMAIN = "mailbox.example";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;

    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @BeforeEach
    void setUp() {
        putDomain(DOMAIN, "{\"service\":\"mailbox\"}");
        putUser(ALICE, "alice-secret");
        putUser(BOB, "bob-secret");
    }

    @AfterEach
    void tearDown() {
        given().delete("/users/" + ALICE);
        given().delete("/users/" + BOB);
        given().delete("/hosted-domains/" + DOMAIN);
    }

    @Test
    void aMailboxDomainIsOneOfJamesDomains() {
        given().get("/domains/" + DOMAIN).then().statusCode(204);
    }

    @Test
    void mailReceivedOverSmtpIsReadOverImapAndPop3() throws Exception {
        String content = "From: <sender@elsewhere.example>\r\nTo: <" + ALICE + ">\r\nSubject: Quarterly report\r\n"
            + "Message-ID: <report-1@elsewhere.example>\r\nX-Custom: kept as is\r\n\r\nHello Alice,\r\nthe figures are attached.\r\n";

        Smtp sent = Smtp.send(server.smtpInboundPort(), "sender@elsewhere.example", content, ALICE);

        assertThat(sent.accepted()).as("%s", sent).isTrue();
        String viaImap = MailClients.imapFirstMessage(server.imapsPort(), ALICE, "alice-secret");
        assertThat(viaImap).contains("Subject: Quarterly report", "Message-ID: <report-1@elsewhere.example>",
            "X-Custom: kept as is", "From: <sender@elsewhere.example>", "Hello Alice,\r\nthe figures are attached.");
        String viaPop3 = MailClients.pop3FirstMessage(server.pop3sPort(), ALICE, "alice-secret");
        assertThat(viaPop3).contains("Subject: Quarterly report", "Message-ID: <report-1@elsewhere.example>",
            "X-Custom: kept as is", "Delivered-To: " + ALICE, "Hello Alice,\r\nthe figures are attached.");
    }

    @Test
    void anUnknownUserIsRefusedAtRcpt() throws Exception {
        Smtp sent = Smtp.send(server.smtpInboundPort(), "sender@elsewhere.example",
            Smtp.message("sender@elsewhere.example", "nobody@" + DOMAIN, "hi", "hi"), "nobody@" + DOMAIN);

        assertThat(sent.accepted()).isFalse();
        assertThat(sent.rcptReply(0)).startsWith("550 5.1.1");
    }

    @Test
    void aUserSendsOverSubmissionToAnotherLocalUser() throws Exception {
        String reply = MailClients.submit(server.smtpSubmissionPort(), ALICE, "alice-secret", ALICE, BOB,
            Smtp.message(ALICE, BOB, "Lunch", "Lunch at noon?"));

        assertThat(reply).startsWith("250");
        assertThat(MailClients.imapFirstMessage(server.imapsPort(), BOB, "bob-secret"))
            .contains("Subject: Lunch", "From: <" + ALICE + ">", "Lunch at noon?");
    }

    @Test
    void submissionRefusesAWrongPassword() throws Exception {
        assertThat(MailClients.smtpAuth(server.smtpSubmissionPort(), ALICE, "wrong")).startsWith("535");
    }

    @Test
    void aDomainWithUsersCannotBeRemovedNorSwitchedAway() {
        given().delete("/hosted-domains/" + DOMAIN).then().statusCode(409)
            .body("message", containsString(DOMAIN + " has 2 users"))
            .body("message", containsString("DELETE /users/{user}"));
        given().contentType(ContentType.JSON).body("{\"service\":\"backup\"}").put("/hosted-domains/" + DOMAIN).then().statusCode(409);

        given().get("/hosted-domains/" + DOMAIN).then().statusCode(200).body("service", org.hamcrest.Matchers.equalTo("mailbox"));
        given().get("/domains/" + DOMAIN).then().statusCode(204);
    }

    @Test
    void aDomainWithoutUsersLeavesJamesDomainsWithTheService() {
        given().delete("/users/" + ALICE).then().statusCode(204);
        given().delete("/users/" + BOB).then().statusCode(204);

        putDomain(DOMAIN, "{\"service\":\"backup\"}");
        given().get("/domains/" + DOMAIN).then().statusCode(404);

        putDomain(DOMAIN, "{\"service\":\"mailbox\"}");
        given().get("/domains/" + DOMAIN).then().statusCode(204);
        given().delete("/hosted-domains/" + DOMAIN).then().statusCode(204);
        given().get("/domains/" + DOMAIN).then().statusCode(404);
    }

    @Test
    void pop3RefusesPasswordsInClearButTakesThemAfterStls() throws Exception {
        POP3SClient pop3 = new POP3SClient(false, TrustAllTls.context());
        pop3.connect("127.0.0.1", server.pop3Port());
        try {
            assertThat(pop3.login(ALICE, "alice-secret")).isFalse();
            assertThat(pop3.getReplyString()).startsWith("-ERR PASS is refused on an unencrypted connection");
            assertThat(pop3.execTLS()).isTrue();
            assertThat(pop3.login(ALICE, "alice-secret")).isTrue();
        } finally {
            pop3.disconnect();
        }
    }
}
