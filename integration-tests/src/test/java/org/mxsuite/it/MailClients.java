package org.mxsuite.it;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

import org.apache.commons.net.imap.IMAPSClient;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3SClient;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/** What a mail user agent does in a test, each over TLS with the server's self-signed certificate accepted. */
final class MailClients {
    private MailClients() {
    }

    /** Submission: STARTTLS, AUTH PLAIN, one message; the last reply (250 when DATA was accepted). */
    static String submit(int port, String user, String password, String from, String to, String content) throws Exception {
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient(false, ProtocolsTest.trustAll());
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
    static String smtpAuth(int port, String user, String password) throws Exception {
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient(false, ProtocolsTest.trustAll());
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
    static String imapLogin(int port, String user, String password) throws IOException {
        IMAPSClient imap = new IMAPSClient(true, ProtocolsTest.trustAll());
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
    static String pop3Login(int port, String user, String password) throws IOException {
        POP3SClient pop3 = new POP3SClient(true, ProtocolsTest.trustAll());
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
    static String pop3LoginInClear(int port, String user, String password) throws IOException {
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

    /** The first message of the user's INBOX over IMAPS, waiting for its delivery. */
    static String imapFirstMessage(int port, String user, String password) throws IOException, InterruptedException {
        IMAPSClient imap = new IMAPSClient(true, ProtocolsTest.trustAll());
        imap.connect("127.0.0.1", port);
        try {
            if (!imap.login(user, password)) {
                throw new AssertionError("IMAP login of " + user + " failed: " + imap.getReplyString());
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (true) {
                imap.select("INBOX");
                if (!imap.getReplyString().contains("* 0 EXISTS")) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("nothing delivered to the INBOX of " + user);
                }
                Thread.sleep(200);
            }
            imap.fetch("1", "BODY[]");
            return imap.getReplyString();
        } finally {
            imap.disconnect();
        }
    }

    /** The first message of the user's maildrop over POP3S. */
    static String pop3FirstMessage(int port, String user, String password) throws IOException {
        POP3SClient pop3 = new POP3SClient(true, ProtocolsTest.trustAll());
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
