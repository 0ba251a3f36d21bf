package org.mxsuite.route.mailet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.inmemory.manager.InMemoryIntegrationResources;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.route.RecoveredMail;

/** A mail processed again after a crash skips the mailboxes that took it already, on James's in-memory mailboxes. */
class SkipDeliveredRecipientsTest {
    private static final Instant ACCEPTED = Instant.parse("2026-11-25T10:00:00Z");
    private static final String RECEIVED = "from client.example ([192.0.2.7]) by mx.example with ESMTP id 1a2b3c; Wed, 25 Nov 2026 10:00:00 +0000";
    private static final Username BOB = Username.of("bob@mailbox.example");

    private final MailboxManager mailboxes = InMemoryIntegrationResources.defaultResources().getMailboxManager();
    /** James's users, by address as with virtual hosting. */
    private final UsersRepository users = (UsersRepository) Proxy.newProxyInstance(UsersRepository.class.getClassLoader(),
        new Class<?>[] {UsersRepository.class}, (proxy, method, arguments) -> {
            if (method.getName().equals("getUsername")) {
                return Username.of(((MailAddress) arguments[0]).asString());
            }
            throw new UnsupportedOperationException(method.getName());
        });
    private final SkipDeliveredRecipients mailet = new SkipDeliveredRecipients(mailboxes, users);

    @BeforeEach
    void setUp() throws Exception {
        mailboxes.createMailbox(MailboxPath.inbox(BOB), mailboxes.createSystemSession(BOB));
        mailet.init(FakeMailetConfig.builder().mailetName("SkipDeliveredRecipients").mailetContext(FakeMailContext.defaultContext()).build());
    }

    private static byte[] message(String received, String messageId) {
        return ("Received: " + received + "\r\nMessage-ID: " + messageId + "\r\nSubject: once\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.UTF_8);
    }

    /** Bob's INBOX, with the message delivered at {@code at}. */
    private void delivered(byte[] message, Instant at) throws Exception {
        MailboxSession session = mailboxes.createSystemSession(BOB);
        mailboxes.getMailbox(MailboxPath.inbox(BOB), session).appendMessage(MessageManager.AppendCommand.builder().withInternalDate(Date.from(at))
            .build(message), session);
    }

    private static FakeMail mail(byte[] message, boolean recovered) throws Exception {
        return mail(message, recovered, "bob@mailbox.example", "carol@mailbox.example");
    }

    private static FakeMail mail(byte[] message, boolean recovered, String... recipients) throws Exception {
        FakeMail.Builder mail = FakeMail.builder().name("mail").sender("alice@sender.example")
            .recipients(recipients).lastUpdated(Date.from(ACCEPTED))
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message)));
        return (recovered ? mail.attribute(new Attribute(RecoveredMail.ATTRIBUTE, AttributeValue.of(true))) : mail).build();
    }

    @Test
    void aMailboxThatHoldsTheMailIsSkipped() throws Exception {
        byte[] message = message(RECEIVED, "<1@sender.example>");
        delivered(message, ACCEPTED.plusSeconds(1));
        FakeMail mail = mail(message, true);

        mailet.service(mail);

        assertThat(mail.getRecipients()).containsExactly(address("carol@mailbox.example"));
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
    }

    @Test
    void whenEveryMailboxHoldsItTheMailEndsHere() throws Exception {
        byte[] message = message(RECEIVED, "<1@sender.example>");
        delivered(message, ACCEPTED.plusSeconds(1));
        FakeMail mail = mail(message, true, "bob@mailbox.example");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void onlyAMailProcessedAgainIsLookedAt() throws Exception {
        byte[] message = message(RECEIVED, "<1@sender.example>");
        delivered(message, ACCEPTED.plusSeconds(1));
        FakeMail mail = mail(message, false);

        mailet.service(mail);

        assertThat(mail.getRecipients()).hasSize(2);
    }

    @Test
    void anotherTransactionOrMessageIsNoCopy() throws Exception {
        delivered(message(RECEIVED.replace("1a2b3c", "9z8y7x"), "<1@sender.example>"), ACCEPTED.plusSeconds(1));
        delivered(message(RECEIVED, "<2@sender.example>"), ACCEPTED.plusSeconds(1));
        FakeMail mail = mail(message(RECEIVED, "<1@sender.example>"), true);

        mailet.service(mail);

        assertThat(mail.getRecipients()).hasSize(2);
    }

    @Test
    void aCopyDeliveredBeforeTheMailWasAcceptedIsAnotherMail() throws Exception {
        byte[] message = message(RECEIVED, "<1@sender.example>");
        delivered(message, ACCEPTED.minusSeconds(3600));
        FakeMail mail = mail(message, true);

        mailet.service(mail);

        assertThat(mail.getRecipients()).hasSize(2);
    }
}
