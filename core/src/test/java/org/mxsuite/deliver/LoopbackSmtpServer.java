package org.mxsuite.deliver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.mxsuite.domain.Destination;

/**
 * The customer's server for the delivery and recipient verification tests: a small SMTP server on 127.0.0.1 (no PIPELINING, no STARTTLS) that
 * accepts every recipient unless told otherwise, and keeps what it received. Replies are given before the client
 * reads them, so no test waits on it.
 */
public final class LoopbackSmtpServer implements AutoCloseable {
    public static final String GREETING = "220 customer.test ESMTP";

    /** One message as received: its envelope and content. */
    static final class Received {
        final String sender;
        final List<String> recipients;
        final String content;

        Received(String sender, List<String> recipients, String content) {
            this.sender = sender;
            this.recipients = List.copyOf(recipients);
            this.content = content;
        }
    }

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, String> recipientReplies = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private volatile Duration rcptDelay = Duration.ZERO;

    public LoopbackSmtpServer() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::accept);
    }

    /** A destination where nothing listens: connecting is refused at once. */
    public static Destination closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Destination.of("127.0.0.1", socket.getLocalPort());
        }
    }

    public Destination destination() {
        return Destination.of("127.0.0.1", listener.getLocalPort());
    }

    /** The reply to {@code RCPT TO:<address>}, e.g. {@code "550 5.1.1 no such user"}. */
    public void replyTo(String address, String reply) {
        recipientReplies.put(address.toLowerCase(Locale.ROOT), reply);
    }

    /** Every RCPT is answered only after {@code delay}: a server slower than the client's patience. */
    public void answerRcptAfter(Duration delay) {
        rcptDelay = delay;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                threads.execute(() -> converse(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            say(out, GREETING);
            String sender = "";
            List<String> recipients = new CopyOnWriteArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    say(out, "250 customer.test");
                } else if (upper.startsWith("MAIL FROM:")) {
                    sender = between(line);
                    recipients.clear();
                    say(out, "250 2.1.0 ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    pause(rcptDelay);
                    String recipient = between(line);
                    String reply = recipientReplies.getOrDefault(recipient.toLowerCase(Locale.ROOT), "250 2.1.5 ok");
                    if (reply.startsWith("2")) {
                        recipients.add(recipient);
                    }
                    say(out, reply);
                } else if (upper.equals("DATA")) {
                    say(out, "354 go ahead");
                    StringBuilder content = new StringBuilder();
                    String data;
                    while ((data = in.readLine()) != null && !data.equals(".")) {
                        content.append(data.startsWith(".") ? data.substring(1) : data).append("\r\n");
                    }
                    received.add(new Received(sender, recipients, content.toString()));
                    say(out, "250 2.0.0 queued");
                } else if (upper.equals("QUIT")) {
                    say(out, "221 2.0.0 bye");
                    return;
                } else {
                    say(out, "250 2.0.0 ok");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void pause(Duration delay) throws IOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stopped", e);
        }
    }

    private static String between(String command) {
        return command.substring(command.indexOf('<') + 1, command.indexOf('>'));
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
