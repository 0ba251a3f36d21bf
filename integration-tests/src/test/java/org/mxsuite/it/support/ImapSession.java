package org.mxsuite.it.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IMAP client session over implicit TLS (the server's self-signed certificate accepted): tagged commands and their
 * responses, literals read by their byte count (RFC 9051 section 4.3). Spoken directly rather than with commons-net,
 * whose reply reader counts a literal's lines instead of its bytes.
 */
public final class ImapSession implements AutoCloseable {
    private static final Pattern LITERAL_AT_END = Pattern.compile("\\{(\\d+)\\+?}$");
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tags;
    private String lastTagged;

    private ImapSession(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connected to the IMAPS port, the greeting read. */
    public static ImapSession open(int port) throws IOException {
        Socket socket = TrustAllTls.context().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        ImapSession session = new ImapSession(socket);
        session.response();
        return session;
    }

    /** Connected and logged in. */
    public static ImapSession login(int port, String user, String password) throws IOException {
        ImapSession session = open(port);
        session.command("LOGIN \"" + user + "\" \"" + password + "\"");
        return session;
    }

    /** Every response to the command, up to its tagged OK; an AssertionError for NO or BAD. */
    public String command(String command) throws IOException {
        String responses = exchange(command);
        if (!taggedOk()) {
            throw new AssertionError(command.split(" ")[0] + " failed: " + responses);
        }
        return responses;
    }

    /** Every response to the command, up to its tagged one, whatever the outcome. */
    public String exchange(String command) throws IOException {
        send(command);
        return untilTagged();
    }

    /** APPEND with a synchronising literal: the tagged response, or the refusal of the literal. */
    public String append(String mailbox, String flags, byte[] message) throws IOException {
        return append(mailbox, flags, "", message);
    }

    /** APPEND with an internal date such as {@code "01-Jan-2020 10:00:00 +0000"}, or none when empty. */
    public String append(String mailbox, String flags, String internalDate, byte[] message) throws IOException {
        send("APPEND " + mailbox + (flags.isEmpty() ? "" : " (" + flags + ")")
            + (internalDate.isEmpty() ? "" : " \"" + internalDate + "\"") + " {" + message.length + "}");
        String response = response();
        if (!response.startsWith("+")) {
            lastTagged = response;
            return response;
        }
        try {
            out.write(message);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException refusedMidway) {
            // a server that refuses the literal may answer and close while it is still being sent: its answer is
            // then waiting to be read
            return untilTagged();
        }
        return untilTagged();
    }

    /** Sends {@code APPEND mailbox {size}} and returns the server's first answer: {@code +} to go on, or a refusal. */
    public String declareAppend(String mailbox, long size) throws IOException {
        send("APPEND " + mailbox + " {" + size + "}");
        return response();
    }

    /** The tagged response of the last command. */
    public String tagged() {
        return lastTagged;
    }

    public boolean taggedOk() {
        return lastTagged.startsWith("T" + tags + " OK");
    }

    private void send(String command) throws IOException {
        out.write(("T" + (++tags) + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String untilTagged() throws IOException {
        String tag = "T" + tags + " ";
        StringBuilder responses = new StringBuilder();
        while (true) {
            String response = response();
            responses.append(response);
            if (response.startsWith(tag)) {
                lastTagged = response;
                return responses.toString();
            }
        }
    }

    /** One response: a line, and for each literal it ends with, the literal and the line that follows it. */
    public String response() throws IOException {
        StringBuilder response = new StringBuilder();
        String line = line();
        response.append(line).append("\r\n");
        for (Matcher literal = LITERAL_AT_END.matcher(line); literal.find(); literal = LITERAL_AT_END.matcher(line)) {
            byte[] content = in.readNBytes(Integer.parseInt(literal.group(1)));
            response.append(new String(content, StandardCharsets.UTF_8));
            line = line();
            response.append(line).append("\r\n");
        }
        return response.toString();
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the IMAP server closed the connection after: " + line);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
