package org.mxsuite.route.mailet;

import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.GenericMailet;
import org.mxsuite.route.RecoveredMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Placed before James's {@code LocalDelivery}: for a mail that the embedded server's spool processes again after a
 * crash, drops the recipients whose mailbox already holds it. The spool forgets a mail only once the mailets are done
 * with it; a crash between the mailbox's commit and that moment would otherwise deliver it twice. Only mail the spool
 * marks as processed again is looked at (the attribute {@value RecoveredMail#NAME}), so nothing is read on the way of
 * ordinary mail.
 *
 * <p>The copy is known by the first {@code Received} header, which this server wrote when it accepted the mail and
 * which names its SMTP transaction and time, and by its Message-ID, among the messages the mailbox received since the
 * mail was accepted (the newest {@value #LOOK_BACK} at most).
 */
public class SkipDeliveredRecipients extends GenericMailet {
    static final int LOOK_BACK = 1000;
    private static final Logger LOGGER = LoggerFactory.getLogger(SkipDeliveredRecipients.class);

    private final MailboxManager mailboxes;
    private final UsersRepository users;

    @Inject
    public SkipDeliveredRecipients(@Named("mailboxmanager") MailboxManager mailboxes, UsersRepository users) {
        this.mailboxes = mailboxes;
        this.users = users;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!AttributeUtils.getValueAndCastFromMail(mail, RecoveredMail.ATTRIBUTE, Boolean.class).orElse(false)) {
            return;
        }
        Optional<String> received = firstHeader(mail.getMessage(), "Received");
        if (received.isEmpty()) {
            return;
        }
        Optional<String> messageId = Optional.ofNullable(mail.getMessage().getMessageID());
        Date since = Optional.ofNullable(mail.getLastUpdated()).orElse(new Date(0));
        List<MailAddress> remaining = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            if (holds(recipient, mail, received.get(), messageId, since)) {
                LOGGER.info("{} is in the mailbox of {} already (delivered before the restart): not delivered again",
                    mail.getName(), recipient.asString());
            } else {
                remaining.add(recipient);
            }
        }
        if (remaining.size() < mail.getRecipients().size()) {
            mail.setRecipients(remaining);
            if (remaining.isEmpty()) {
                mail.setState(Mail.GHOST);
            }
        }
    }

    private boolean holds(MailAddress recipient, Mail mail, String received, Optional<String> messageId, Date since)
        throws MessagingException {
        Username user = username(recipient);
        String folder = StorageDirective.fromMail(user, mail).withDefaultFolder(MailboxConstants.INBOX).getTargetFolder()
            .orElse(MailboxConstants.INBOX);
        MailboxSession session = mailboxes.createSystemSession(user);
        try {
            MessageManager mailbox = mailboxes.getMailbox(MailboxPath.forUser(user, folder.replace('/', session.getPathDelimiter())), session);
            long next = mailbox.getMetaData(MessageManager.MailboxMetaData.RecentMode.IGNORE, session,
                java.util.EnumSet.of(MessageManager.MailboxMetaData.Item.NextUid)).getUidNext().asLong();
            if (next <= 1) {
                return false;
            }
            MessageRange newest = MessageRange.range(MessageUid.of(Math.max(1, next - LOOK_BACK)), MessageUid.of(next - 1));
            MessageResultIterator messages = mailbox.getMessages(newest, FetchGroup.HEADERS, session);
            while (messages.hasNext()) {
                MessageResult message = messages.next();
                if (!message.getInternalDate().before(new Date(since.getTime() - 1000)) && sameMessage(message, received, messageId)) {
                    return true;
                }
            }
            return false;
        } catch (MailboxNotFoundException e) {
            return false;
        } catch (MailboxException e) {
            throw new MessagingException("cannot look into the mailbox of " + recipient.asString(), e);
        } finally {
            mailboxes.endProcessingRequest(session);
        }
    }

    private static boolean sameMessage(MessageResult message, String received, Optional<String> messageId) throws MailboxException {
        Optional<String> storedReceived = Optional.empty();
        Optional<String> storedMessageId = Optional.empty();
        for (Iterator<Header> headers = message.getHeaders().headers(); headers.hasNext(); ) {
            Header header = headers.next();
            if (storedReceived.isEmpty() && header.getName().equalsIgnoreCase("Received")) {
                storedReceived = Optional.of(unfolded(header.getValue()));
            } else if (storedMessageId.isEmpty() && header.getName().equalsIgnoreCase("Message-ID")) {
                storedMessageId = Optional.of(header.getValue().trim());
            }
        }
        return storedReceived.map(value -> value.equals(unfolded(received))).orElse(false)
            && storedMessageId.map(String::trim).equals(messageId.map(String::trim));
    }

    private static Optional<String> firstHeader(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? Optional.empty() : Optional.of(values[0]);
    }

    /** A header's value without its line folding or surrounding spaces. */
    private static String unfolded(String value) {
        return value.replaceAll("\\r?\\n[ \\t]+", " ").trim();
    }

    private Username username(MailAddress recipient) {
        try {
            return users.getUsername(recipient);
        } catch (UsersRepositoryException e) {
            return Username.of(recipient.asString());
        }
    }

    @Override
    public String getMailetInfo() {
        return "Skips the recipients whose mailbox already holds a mail processed again after a crash";
    }
}
