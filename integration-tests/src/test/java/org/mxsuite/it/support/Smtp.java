package org.mxsuite.it.support;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/** A sending MTA in a test: one transaction per call, every reply kept. */
public final class Smtp {
    private final List<String> replies = new ArrayList<>();
    private boolean accepted;

    private Smtp() {
    }

    /** Sends one message; {@link #accepted()} tells whether DATA got 250. */
    public static Smtp send(int port, String sender, String content, String... recipients) throws IOException {
        Smtp result = new Smtp();
        SMTPClient client = new SMTPClient();
        client.connect("127.0.0.1", port);
        try {
            client.sendCommand("EHLO sender.test");
            result.replies.add(client.getReplyString().trim());
            client.sendCommand("MAIL FROM:<" + sender + ">");
            result.replies.add(client.getReplyString().trim());
            if (!SMTPReply.isPositiveCompletion(client.getReplyCode())) {
                return result;
            }
            boolean anyRecipient = false;
            for (String recipient : recipients) {
                client.sendCommand("RCPT TO:<" + recipient + ">");
                result.replies.add(client.getReplyString().trim());
                anyRecipient |= SMTPReply.isPositiveCompletion(client.getReplyCode());
            }
            if (!anyRecipient) {
                return result;
            }
            Writer data = client.sendMessageData();
            if (data == null) {
                result.replies.add(client.getReplyString().trim());
                return result;
            }
            data.write(content);
            data.close();
            result.accepted = client.completePendingCommand();
            result.replies.add(client.getReplyString().trim());
            client.logout();
        } finally {
            client.disconnect();
        }
        return result;
    }

    public static String message(String from, String to, String subject, String body) {
        return "From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject.hashCode()
            + "." + System.nanoTime() + "@sender.test>\r\n\r\n" + body + "\r\n";
    }

    public boolean accepted() {
        return accepted;
    }

    public List<String> replies() {
        return replies;
    }

    /** The reply to the n-th RCPT (0-based). */
    public String rcptReply(int index) {
        return replies.get(2 + index);
    }

    public String lastReply() {
        return replies.get(replies.size() - 1);
    }

    @Override
    public String toString() {
        return String.join(" | ", replies);
    }
}
