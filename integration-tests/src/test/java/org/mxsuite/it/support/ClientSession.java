package org.mxsuite.it.support;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/**
 * An SMTP client of the checks' tests that connects from a chosen loopback address (127.0.0.2, 127.0.0.3, ...: all of
 * 127.0.0.0/8 is this machine's; or ::1), so that the server sees different clients; every reply is kept.
 */
public final class ClientSession {
    private final List<String> rcptReplies = new ArrayList<>();
    private String mailReply;
    private String dataReply;

    private ClientSession() {
    }

    /** EHLO, MAIL FROM, one RCPT per recipient, then QUIT: nothing is sent, so nothing is queued. */
    public static ClientSession envelope(String from, int port, String sender, String... recipients) throws IOException {
        return run(from, port, sender, null, recipients);
    }

    /** The whole transaction: DATA with {@code content} if any recipient was accepted. */
    public static ClientSession message(String from, int port, String sender, String content, String... recipients) throws IOException {
        return run(from, port, sender, content, recipients);
    }

    private static ClientSession run(String from, int port, String sender, String content, String... recipients) throws IOException {
        ClientSession session = new ClientSession();
        SMTPClient client = new SMTPClient();
        client.setDefaultTimeout(20_000);
        InetAddress local = InetAddress.getByName(from);
        // an IPv6 client reaches the server on ::1 (a server bound to the wildcard address takes both families)
        InetAddress server = InetAddress.getByName(local.getAddress().length == 16 ? "::1" : "127.0.0.1");
        client.connect(server, port, local, 0);
        client.setSoTimeout(20_000);
        try {
            client.sendCommand("EHLO client.test");
            client.sendCommand("MAIL FROM:<" + sender + ">");
            session.mailReply = client.getReplyString().trim();
            boolean anyAccepted = false;
            for (String recipient : recipients) {
                client.sendCommand("RCPT TO:<" + recipient + ">");
                session.rcptReplies.add(client.getReplyString().trim());
                anyAccepted |= SMTPReply.isPositiveCompletion(client.getReplyCode());
            }
            if (content != null && anyAccepted) {
                Writer data = client.sendMessageData();
                if (data == null) {
                    session.dataReply = client.getReplyString().trim();
                } else {
                    data.write(content);
                    data.close();
                    client.completePendingCommand();
                    session.dataReply = client.getReplyString().trim();
                }
            }
            client.logout();
        } finally {
            client.disconnect();
        }
        return session;
    }

    public String mailReply() {
        return mailReply;
    }

    public String rcptReply(int index) {
        return rcptReplies.get(index);
    }

    public List<String> rcptReplies() {
        return rcptReplies;
    }

    /** The reply to the end of DATA (or to DATA itself when it was refused); null when DATA was not sent. */
    public String dataReply() {
        return dataReply;
    }

    @Override
    public String toString() {
        return mailReply + " | " + String.join(" | ", rcptReplies) + (dataReply == null ? "" : " | " + dataReply);
    }
}
