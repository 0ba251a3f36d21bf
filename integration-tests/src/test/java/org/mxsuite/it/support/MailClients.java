package org.mxsuite.it.support;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.net.imap.IMAPSClient;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3SClient;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/** What a mail user agent does in a test, each over TLS with the server's self-signed certificate accepted. */
public final class MailClients {
    private MailClients() {
    }

    /** Submission: STARTTLS, AUTH PLAIN, one message; the last reply (250 when DATA was accepted). */
    public static String submit(int port, String user, String password, String from, String to, String content) throws Exception {
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient(false, TrustAllTls.context());
        smtp.connect("127.0.0.1", port);
        try {
            smtp.ehlo("client.test");
            if (!smtp.execTLS()) {
                return smtp.getReplyString();
            }
            smtp.ehlo("client.test");
            if (!smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, user, password)) {
                return smtp.getReplyString();
            }
            if (!smtp.setSender(from) || !smtp.addRecipient(to)) {
                return smtp.getReplyString();
            }
            Writer data = smtp.sendMessageData();
            if (data == null) {
                return smtp.getReplyString();
            }
            data.write(content);
            data.close();
            smtp.completePendingCommand();
            return smtp.getReplyString();
        } finally {
            smtp.disconnect();
        }
    }

    /** SMTP AUTH PLAIN after STARTTLS on the submission port; the reply to AUTH (235, 535, 554...). */
    public static String smtpAuth(int port, String user, String password) throws Exception {
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient(false, TrustAllTls.context());
        smtp.connect("127.0.0.1", port);
        try {
            if (!SMTPReply.isPositiveCompletion(smtp.getReplyCode())) {
                return smtp.getReplyString();
            }
            smtp.ehlo("client.test");
            smtp.execTLS();
            smtp.ehlo("client.test");
            smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, user, password);
            return smtp.getReplyString();
        } finally {
            smtp.disconnect();
        }
    }

    /** An IMAPS session: the greeting, then LOGIN; every reply of the session. */
    public static String imapLogin(int port, String user, String password) throws IOException {
        IMAPSClient imap = new IMAPSClient(true, TrustAllTls.context());
        imap.connect("127.0.0.1", port);
        StringBuilder replies = new StringBuilder(imap.getReplyString());
        try {
            imap.login(user, password);
            replies.append(imap.getReplyString());
            return replies.toString();
        } catch (EOFException closedAfterBye) {
            // the server closed the connection after an untagged BYE: what it said is kept
            return replies.append(imap.getReplyString()).toString();
        } finally {
            imap.disconnect();
        }
    }

    /** A POP3S session: the greeting, then USER and PASS; every reply of the session. */
    public static String pop3Login(int port, String user, String password) throws IOException {
        POP3SClient pop3 = new POP3SClient(true, TrustAllTls.context());
        pop3.connect("127.0.0.1", port);
        StringBuilder replies = new StringBuilder(pop3.getReplyString());
        try {
            if (replies.toString().startsWith("+OK")) {
                pop3.login(user, password);
                replies.append(pop3.getReplyString());
            }
            return replies.toString();
        } finally {
            pop3.disconnect();
        }
    }

    /** A POP3 session without TLS: the greeting, then USER and PASS; every reply of the session. */
    public static String pop3LoginInClear(int port, String user, String password) throws IOException {
        POP3Client pop3 = new POP3Client();
        pop3.connect("127.0.0.1", port);
        StringBuilder replies = new StringBuilder(pop3.getReplyString());
        try {
            pop3.login(user, password);
            return replies.append(pop3.getReplyString()).toString();
        } finally {
            pop3.disconnect();
        }
    }

    /**
     * The first message of the user's INBOX over IMAPS, waiting for its delivery.
     *
     * <p>A SELECT that counts the message does not mean it can be fetched yet: James counts a mailbox's messages apart
     * from listing them for the session, so a message delivered between the two is counted by SELECT and known to
     * the session only once the mailbox's event reaches it. Until a FETCH returns the message, select again.
     */
    public static String imapFirstMessage(int port, String user, String password) throws IOException, InterruptedException {
        try (ImapSession imap = ImapSession.login(port, user, password)) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            String last = imap.command("SELECT INBOX");
            while (true) {
                if (!last.contains("* 0 EXISTS")) {
                    // BAD "Invalid messageset" while the session does not know the message yet
                    last = imap.exchange("FETCH 1 BODY[]");
                    if (last.contains("* 1 FETCH (") && last.contains("BODY[] {")) {
                        return last;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    // CR and LF shown, so that a report cut into lines still shows the whole reply
                    throw new AssertionError("no message to fetch in the INBOX of " + user + "; last reply: "
                        + last.replace("\r", "\\r").replace("\n", "\\n"));
                }
                Thread.sleep(200);
                last = imap.command("SELECT INBOX");
            }
        }
    }

    /** The first message of the user's maildrop over POP3S. */
    public static String pop3FirstMessage(int port, String user, String password) throws IOException {
        POP3SClient pop3 = new POP3SClient(true, TrustAllTls.context());
        pop3.connect("127.0.0.1", port);
        try {
            if (!pop3.login(user, password)) {
                throw new AssertionError("POP3 login of " + user + " failed: " + pop3.getReplyString());
            }
            try (Reader message = pop3.retrieveMessage(1)) {
                if (message == null) {
                    throw new AssertionError("no message 1 for " + user + ": " + pop3.getReplyString());
                }
                return new BufferedReader(message).lines().collect(Collectors.joining("\r\n"));
            }
        } finally {
            pop3.logout();
            pop3.disconnect();
        }
    }
}
