package org.mxsuite.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An SMTP client that sends several commands at once without waiting for their replies (PIPELINING, RFC 2920), as
 * busy MTAs do, then reads the replies in order. A reply is its last line ({@code 250 ...} after {@code 250-...}).
 */
public final class PipeliningClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private String greeting;

    private PipeliningClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        this.out = socket.getOutputStream();
    }

    /** Connects from {@code from} (a loopback address) and reads the greeting, waiting at most {@code timeout} per reply. */
    public static PipeliningClient connect(String from, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        PipeliningClient client = new PipeliningClient(socket);
        client.greeting = client.reply();
        return client;
    }

    /** The server's first reply: 220, or why it does not take the connection. */
    public String greeting() {
        return greeting;
    }

    /** Whether the server closed the connection (waits up to the reply timeout for it). */
    public boolean closedByServer() throws IOException {
        try {
            return in.readLine() == null;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    /** Sends the lines in one write, each ended by CRLF. */
    public PipeliningClient send(String... lines) throws IOException {
        out.write((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return this;
    }

    /** The next reply (its last line). */
    public String reply() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed by the server");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    public List<String> replies(int count) throws IOException {
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replies.add(reply());
        }
        return replies;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
