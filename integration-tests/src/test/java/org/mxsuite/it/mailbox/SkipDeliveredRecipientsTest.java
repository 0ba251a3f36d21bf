package org.mxsuite.it.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.Users.putUser;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.Delivered;
import org.mxsuite.it.support.JamesDataProbe;
import org.mxsuite.it.support.MailClients;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.route.RecoveredMail;
import org.mxsuite.route.mailet.SkipDeliveredRecipients;

/**
 * The mailet that keeps a mail processed again after a crash from reaching a mailbox twice, on the in-process server's
 * real mailboxes: the kill -9 that makes the case is in DurableMailboxTest, where it is a matter of timing.
 */
@SharesTheServer
class SkipDeliveredRecipientsTest {
    private static final String DOMAIN = "once.example";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;
    private static final Pattern LITERAL = Pattern.compile("BODY\\[] \\{(\\d+)}\\r\\n");

    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    private static MimeMessage delivered;

    @BeforeAll
    static void aMessageDeliveredToAlice() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"mailbox\"}");
        putUser(ALICE, "alice-secret");
        putUser(BOB, "bob-secret");
        Smtp sent = Smtp.send(server.smtpInboundPort(), "carol@elsewhere.example",
            Smtp.message("carol@elsewhere.example", ALICE, "Once", "only once"), ALICE);
        assertThat(sent.accepted()).isTrue();
        String fetched = MailClients.imapFirstMessage(server.imapsPort(), ALICE, "alice-secret");
        Matcher literal = LITERAL.matcher(fetched);
        assertThat(literal.find()).isTrue();
        byte[] bytes = fetched.substring(literal.end()).getBytes(StandardCharsets.UTF_8);
        delivered = new MimeMessage(Session.getDefaultInstance(new Properties()),
            new ByteArrayInputStream(bytes, 0, Integer.parseInt(literal.group(1))));
        // as the spool holds it: without the Delivered-To line added at delivery
        delivered.removeHeader("Delivered-To");
    }

    @AfterAll
    static void removeTheUsersAndTheDomain() {
        given().delete("/users/" + ALICE);
        given().delete("/users/" + BOB);
        given().delete("/hosted-domains/" + DOMAIN);
    }

    private static Mail mail(MimeMessage message, boolean recovered, String... recipients) throws Exception {
        MailImpl.Builder mail = MailImpl.builder().name("Mail-" + System.nanoTime()).sender("carol@elsewhere.example")
            .mimeMessage(message).lastUpdated(new Date(System.currentTimeMillis() - 60_000));
        for (String recipient : recipients) {
            mail.addRecipient(new MailAddress(recipient));
        }
        if (recovered) {
            mail.addAttribute(new Attribute(RecoveredMail.ATTRIBUTE, AttributeValue.of(true)));
        }
        return mail.build();
    }

    private static SkipDeliveredRecipients mailet() {
        JamesDataProbe james = server.probe(JamesDataProbe.class);
        return new SkipDeliveredRecipients(james.mailboxes(), james.users());
    }

    @Test
    void aRecoveredMailSkipsTheMailboxThatHoldsItAndGoesToTheOthers() throws Exception {
        Mail mail = mail(delivered, true, ALICE, BOB);

        mailet().service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress(BOB));
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
    }

    @Test
    void aRecoveredMailWhoseEveryMailboxHoldsItEndsHere() throws Exception {
        Mail mail = mail(delivered, true, ALICE);

        mailet().service(mail);

        assertThat(mail.getRecipients()).isEmpty();
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void anotherMessageIsDelivered() throws Exception {
        MimeMessage other = new MimeMessage(delivered);
        other.setHeader("Message-ID", "<another@elsewhere.example>");

        Mail mail = mail(other, true, ALICE);
        mailet().service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress(ALICE));
    }

    @Test
    void ordinaryMailIsNotLookedAt() throws Exception {
        Mail mail = mail(delivered, false, ALICE);

        mailet().service(mail);

        assertThat(mail.getRecipients()).isEqualTo(List.of(new MailAddress(ALICE)));
    }
}
