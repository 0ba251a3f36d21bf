package org.mxsuite.it.relay;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.apache.commons.net.util.TrustManagerUtils;

/**
 * A customer's mail client using the relay: connects (plain, STARTTLS or implicit TLS), logs in with AUTH, then
 * sends transactions on the same connection, every reply kept.
 */
final class RelayClient implements AutoCloseable {
    enum Security { PLAIN, STARTTLS, IMPLICIT_TLS }

    private final AuthenticatingSMTPClient smtp;
    private String authReply = "";
    private final List<String> rcptReplies = new ArrayList<>();
    private String mailReply = "";
    private String dataReply = "";

    private RelayClient(AuthenticatingSMTPClient smtp) {
        this.smtp = smtp;
    }

    static RelayClient connect(int port, Security security) throws IOException {
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient("TLS", security == Security.IMPLICIT_TLS);
        smtp.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        smtp.setDefaultTimeout(60_000);
        smtp.connect("127.0.0.1", port);
        smtp.setSoTimeout(60_000);
        smtp.ehlo("client.test");
        if (security == Security.STARTTLS && !smtp.execTLS()) {
            throw new IOException("STARTTLS refused: " + smtp.getReplyString());
        }
        if (security == Security.STARTTLS) {
            smtp.ehlo("client.test");
        }
        return new RelayClient(smtp);
    }

    /** The EHLO reply lines (after STARTTLS when used). */
    String ehlo() throws IOException {
        smtp.ehlo("client.test");
        return smtp.getReplyString();
    }

    boolean login(String user, String password) throws Exception {
        boolean ok = smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, user, password);
        authReply = smtp.getReplyString().trim();
        return ok;
    }

    /** One transaction; the message is {@code size} bytes of lines written on the fly (none kept in memory). */
    RelayClient send(String sender, String declaredSize, long size, String... recipients) throws IOException {
        rcptReplies.clear();
        dataReply = "";
        smtp.sendCommand("MAIL FROM:<" + sender + ">" + (declaredSize == null ? "" : " SIZE=" + declaredSize));
        mailReply = smtp.getReplyString().trim();
        if (!SMTPReply.isPositiveCompletion(smtp.getReplyCode())) {
            return this;
        }
        boolean any = false;
        for (String recipient : recipients) {
            smtp.sendCommand("RCPT TO:<" + recipient + ">");
            rcptReplies.add(smtp.getReplyString().trim());
            any |= SMTPReply.isPositiveCompletion(smtp.getReplyCode());
        }
        if (!any) {
            smtp.sendCommand("RSET");
            return this;
        }
        Writer data = smtp.sendMessageData();
        if (data == null) {
            dataReply = smtp.getReplyString().trim();
            return this;
        }
        writeMessage(data, sender, recipients[0], size);
        data.close();
        smtp.completePendingCommand();
        dataReply = smtp.getReplyString().trim();
        return this;
    }

    /** Exactly {@code size} bytes as the client sends them (CRLF line ends, nothing to dot-stuff). */
    static void writeMessage(Writer data, String from, String to, long size) throws IOException {
        String header = "From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: relayed " + size + "\r\nMessage-ID: <" + System.nanoTime()
            + "@client.test>\r\n\r\n";
        data.write(header);
        long left = size - header.length();
        String line = "x".repeat(76) + "\r\n";
        long lines = left / line.length();
        long rest = left % line.length();
        if (rest == 1) {
            // one byte cannot be a line of its own (it needs CRLF): one line a byte longer instead
            data.write("x" + line);
            lines--;
            rest = 0;
        }
        for (long i = 0; i < lines; i++) {
            data.write(line);
        }
        if (rest >= 2) {
            data.write("y".repeat((int) rest - 2) + "\r\n");
        }
    }

    String authReply() {
        return authReply;
    }

    String mailReply() {
        return mailReply;
    }

    List<String> rcptReplies() {
        return rcptReplies;
    }

    String dataReply() {
        return dataReply;
    }

    boolean accepted() {
        return dataReply.startsWith("250");
    }

    @Override
    public void close() throws IOException {
        try {
            smtp.logout();
        } catch (IOException ignored) {
            // the server may have closed already
        }
        smtp.disconnect();
    }
}
