package org.mxsuite.accept.scan;

import javax.mail.MessagingException;
import javax.mail.internet.MimeUtility;

import org.apache.mailet.Mail;

/**
 * Headers the scanners add to a message before it is accepted. They replace any of the same name the sender wrote,
 * so that a forged {@code X-Spam-Flag: NO} never reaches the customer. James spools the message these hooks leave:
 * the changed headers followed by the body as received, which is not copied.
 */
final class MarkedMessage {
    private MarkedMessage() {
    }

    static void setHeader(Mail mail, String name, String value) throws MessagingException {
        mail.getMessage().setHeader(name, MimeUtility.fold(name.length() + 2, value));
    }
}
