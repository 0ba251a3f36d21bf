package org.mxsuite.it.support;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;


/**
 * A small, scriptable SMTP server on 127.0.0.1 that plays the customer's own mail server: the destination the backup
 * MX hands held mail to. It speaks a subset of RFC 5321 (with PIPELINING, 8BITMIME, SIZE, ENHANCEDSTATUSCODES and,
 * when given an {@link SSLContext}, STARTTLS), records what it accepted, and can be stopped and started again on the
 * same port so a test can take "the customer's server" down and bring it back.
 */
public final class CustomerSmtpServer implements AutoCloseable {
    public static final String HOST_NAME = "customer.test";
    public static final long MAX_MESSAGE_SIZE = 104_857_600L;

    private static final String DEFAULT_DATA_REPLY = "250 2.0.0 Ok queued";
    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private static final int MAX_COMMAND_LINE = 64 * 1024;
    private static final InetAddress LOOPBACK = loopback();
    private final InetAddress address;
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final int serverId = SERVER_IDS.incrementAndGet();
    private final Object lifecycle = new Object();
    private final Object received = new Object();
    private final List<ReceivedMessage> messages = new ArrayList<>();
    private final List<java.time.Instant> arrivals = new ArrayList<>();
    private final AtomicInteger openSessions = new AtomicInteger();
    private final AtomicInteger mostOpenSessions = new AtomicInteger();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, String> recipientReplies = new ConcurrentHashMap<>();
    private final Map<String, String> dataCommandReplies = new ConcurrentHashMap<>();
    private final Set<String> hangUpAfterDataRefusal = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicInteger contentsStarted = new AtomicInteger();

    private volatile String dataReply = DEFAULT_DATA_REPLY;
    private volatile long dataReplyDelayMillis;
    private volatile long rcptReplyDelayMillis;
    private volatile SSLContext sslContext;
    private volatile String lastHeloName;

    // guarded by lifecycle
    private int port;
    private ServerSocket listener;
    private Thread acceptor;
    private ExecutorService pool;

    /** On 127.0.0.1 and a free port. */
    public CustomerSmtpServer() {
        this.address = LOOPBACK;
    }

    /** On a given loopback address and port, e.g. 127.0.0.2:25 for an MX host found in DNS (needs root below 1024). */
    public CustomerSmtpServer(InetAddress address, int port) {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests listen on loopback addresses only, not " + address);
        }
        this.address = address;
        this.port = port;
    }

    /** A server-side TLS context with the keystore's key and certificate, for {@link #withStartTls}. */
    public static SSLContext tlsContext(org.mxsuite.embedded.Keystore keystore) throws java.security.GeneralSecurityException, IOException {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore.path())) {
            store.load(in, keystore.secret().toCharArray());
        }
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, keystore.secret().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** Offers STARTTLS with this context (server side); call before clients connect. */
    public CustomerSmtpServer withStartTls(SSLContext context) {
        this.sslContext = context;
        return this;
    }

    /**
     * Listens on 127.0.0.1: a free port the first time ({@link StablePorts}), the same port on every later start. Does nothing when
     * already running.
     */
    public CustomerSmtpServer start() throws IOException {
        synchronized (lifecycle) {
            if (listener != null) {
                return this;
            }
            if (port == 0) {
                port = StablePorts.take();
            }
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(address, port), 50);
            } catch (IOException e) {
                socket.close();
                throw new IOException("cannot listen on " + address.getHostAddress() + ":" + port, e);
            }
            port = socket.getLocalPort();
            if (pool == null || pool.isShutdown()) {
                pool = Executors.newCachedThreadPool(daemonThreads("customer-smtp-" + serverId + "-conn-"));
            }
            listener = socket;
            ExecutorService connectionPool = pool;
            acceptor = new Thread(() -> acceptLoop(socket, connectionPool), "customer-smtp-" + serverId + "-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            return this;
        }
    }

    /** Closes the listening socket and drops every open connection at once. Does nothing when not running. */
    public void stop() {
        Thread stoppedAcceptor;
        synchronized (lifecycle) {
            if (listener == null) {
                return;
            }
            closeQuietly(listener);
            listener = null;
            stoppedAcceptor = acceptor;
            acceptor = null;
        }
        for (Socket connection : connections) {
            closeQuietly(connection);
        }
        try {
            stoppedAcceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        synchronized (lifecycle) {
            return listener != null;
        }
    }

    /** The port, fixed by the first {@link #start()}; 0 before it. */
    public int port() {
        synchronized (lifecycle) {
            return port;
        }
    }

    /** Stops and releases the connection threads. The server may be started again afterwards. */
    @Override
    public void close() {
        stop();
        ExecutorService toShutDown;
        synchronized (lifecycle) {
            toShutDown = pool;
            pool = null;
        }
        if (toShutDown != null) {
            toShutDown.shutdownNow();
            try {
                toShutDown.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- scripting

    /** Later RCPT TO for this address (compared case-insensitively) gets this reply, e.g. "550 5.1.1 No such user". */
    public CustomerSmtpServer rejectRecipient(String address, String reply) {
        recipientReplies.put(key(address), checkedReply(reply, '5'));
        return this;
    }

    /** Later RCPT TO for this address (compared case-insensitively) gets this reply, e.g. "450 4.2.1 Try later". */
    public CustomerSmtpServer deferRecipient(String address, String reply) {
        recipientReplies.put(key(address), checkedReply(reply, '4'));
        return this;
    }

    /** The reply to later message bodies (after the final dot); only messages answered with 2xx are recorded. */
    public CustomerSmtpServer replyToData(String reply) {
        dataReply = checkedReply(reply, '\0');
        return this;
    }

    /**
     * Later DATA commands of transactions from this sender get this reply, and the transaction stays open (its MAIL
     * and RCPTs still in effect), as Postfix leaves it after a refusal by its smtpd_data_restrictions.
     */
    public CustomerSmtpServer refuseDataCommandFrom(String sender, String reply) {
        dataCommandReplies.put(key(sender), checkedReply(reply, '\0'));
        return this;
    }

    /** As {@link #refuseDataCommandFrom}, then the server closes the connection (as some do after a 5xx). */
    public CustomerSmtpServer refuseDataCommandAndHangUpFrom(String sender, String reply) {
        refuseDataCommandFrom(sender, reply);
        hangUpAfterDataRefusal.add(key(sender));
        return this;
    }

    /** Waits this long before each reply to a message body (a slow server: a drain that takes its time). */
    public CustomerSmtpServer delayDataReply(Duration delay) {
        dataReplyDelayMillis = delay.toMillis();
        return this;
    }

    /** Waits this long before each reply to RCPT (a server slower than recipient verification waits for). */
    public CustomerSmtpServer delayRcptReply(Duration delay) {
        rcptReplyDelayMillis = delay.toMillis();
        return this;
    }

    /** Forgets every script: recipients are accepted and messages queued again. Recorded messages are kept. */
    public CustomerSmtpServer reset() {
        recipientReplies.clear();
        dataCommandReplies.clear();
        hangUpAfterDataRefusal.clear();
        dataReply = DEFAULT_DATA_REPLY;
        dataReplyDelayMillis = 0;
        rcptReplyDelayMillis = 0;
        return this;
    }

    // ---- recording

    /** The recorded messages, in arrival order (a copy). */
    public List<ReceivedMessage> messages() {
        synchronized (received) {
            return List.copyOf(messages);
        }
    }

    /** Waits until at least {@code count} messages were recorded; fails with an {@link AssertionError} otherwise. */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (messages.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected at least " + count + " message(s) at the customer's server within "
                        + timeout + " but " + messages.size() + " arrived: " + messages);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(received, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + count + " message(s); "
                        + messages.size() + " arrived", e);
                }
            }
            return List.copyOf(messages);
        }
    }

    public void clearMessages() {
        synchronized (received) {
            messages.clear();
            arrivals.clear();
        }
    }

    /** When each recorded message arrived, in arrival order (a copy). */
    public List<java.time.Instant> arrivals() {
        synchronized (received) {
            return new ArrayList<>(arrivals);
        }
    }

    /** The most SMTP sessions this server had open at once since it was created. */
    public int mostOpenSessions() {
        return mostOpenSessions.get();
    }

    /** TCP connections accepted since this server was created. */
    /** How many DATA commands were answered 354 (a message's content is on its way, or arrived). */
    public int contentsStarted() {
        return contentsStarted.get();
    }

    public int connectionCount() {
        return connectionCount.get();
    }

    /** The HELO/EHLO name most recently given by a client, or null. */
    public String lastHeloName() {
        return lastHeloName;
    }

    @Override
    public String toString() {
        return "CustomerSmtpServer{" + LOOPBACK.getHostAddress() + ":" + port() + (isRunning() ? ", running" : "")
            + "}";
    }

    // ---- internals

    private void acceptLoop(ServerSocket socket, ExecutorService connectionPool) {
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    System.err.println("customer SMTP server: accept failed: " + e);
                    closeQuietly(socket);
                }
                return;
            }
            connectionCount.incrementAndGet();
            connections.add(connection);
            if (socket.isClosed()) {
                // stop() ran between accept and add: it may not have seen this connection
                drop(connection);
                continue;
            }
            try {
                connectionPool.execute(() -> serve(connection));
            } catch (RejectedExecutionException e) {
                drop(connection);
            }
        }
    }

    private void serve(Socket connection) {
        mostOpenSessions.accumulateAndGet(openSessions.incrementAndGet(), Math::max);
        try {
            new Session(connection).run();
        } catch (SocketTimeoutException e) {
            // the session already said goodbye
        } catch (IOException e) {
            if (!connection.isClosed() && isRunning()) {
                String message = String.valueOf(e.getMessage());
                if (!message.contains("reset") && !message.contains("Broken pipe") && !message.contains("closed")) {
                    System.err.println("customer SMTP server: connection from " + connection.getRemoteSocketAddress()
                        + " failed: " + e);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("customer SMTP server: unexpected failure: " + e);
            e.printStackTrace();
        } finally {
            openSessions.decrementAndGet();
            drop(connection);
        }
    }

    private void record(ReceivedMessage message) {
        synchronized (received) {
            messages.add(message);
            arrivals.add(java.time.Instant.now());
            received.notifyAll();
        }
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drop(Socket connection) {
        closeQuietly(connection);
        connections.remove(connection);
    }

    private static String key(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    /** A reply is "NNN text": a 2xx-5xx code, optionally of the given class. */
    private static String checkedReply(String reply, char expectedClass) {
        if (reply == null || reply.length() < 3 || reply.contains("\r") || reply.contains("\n")
            || !Character.isDigit(reply.charAt(0)) || !Character.isDigit(reply.charAt(1))
            || !Character.isDigit(reply.charAt(2)) || reply.charAt(0) < '2' || reply.charAt(0) > '5'
            || (reply.length() > 3 && reply.charAt(3) != ' ')) {
            throw new IllegalArgumentException("not a single-line SMTP reply: " + reply);
        }
        if (expectedClass != '\0' && reply.charAt(0) != expectedClass) {
            throw new IllegalArgumentException("expected a " + expectedClass + "xx reply: " + reply);
        }
        return reply;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One SMTP conversation; replies are flushed as they are made, so pipelined commands are answered in order. */
    private final class Session {
        private final Socket raw;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private boolean tls;
        private String heloName;
        private String sender;
        private final List<String> recipients = new ArrayList<>();

        Session(Socket raw) throws IOException {
            this.raw = raw;
            bind(raw);
        }

        private void bind(Socket connected) throws IOException {
            socket = connected;
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
        }

        void run() throws IOException {
            reply("220 " + HOST_NAME + " ESMTP");
            while (true) {
                byte[] line;
                try {
                    line = readLine(MAX_COMMAND_LINE);
                } catch (SocketTimeoutException e) {
                    reply("421 4.4.2 " + HOST_NAME + " Timeout, closing connection");
                    throw e;
                } catch (LineTooLongException e) {
                    reply("500 5.5.2 Line too long");
                    return;
                }
                if (line == null) {
                    return;
                }
                if (!command(text(line))) {
                    return;
                }
            }
        }

        /** Handles one command line; false when the conversation is over. */
        private boolean command(String line) throws IOException {
            int space = line.indexOf(' ');
            String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String argument = space < 0 ? "" : line.substring(space + 1).trim();
            switch (verb) {
                case "EHLO":
                case "HELO":
                    hello(verb.equals("EHLO"), argument);
                    return true;
                case "MAIL":
                    mail(argument);
                    return true;
                case "RCPT":
                    rcpt(argument);
                    return true;
                case "DATA":
                    return data(argument);
                case "RSET":
                    resetTransaction();
                    reply("250 2.0.0 Ok");
                    return true;
                case "NOOP":
                    reply("250 2.0.0 Ok");
                    return true;
                case "QUIT":
                    reply("221 2.0.0 " + HOST_NAME + " Bye");
                    return false;
                case "STARTTLS":
                    if (sslContext != null) {
                        return startTls(argument);
                    }
                    reply("500 5.5.2 Command not recognized");
                    return true;
                default:
                    reply("500 5.5.2 Command not recognized");
                    return true;
            }
        }

        private void hello(boolean ehlo, String name) throws IOException {
            if (name.isEmpty()) {
                reply("501 5.5.4 Syntax: " + (ehlo ? "EHLO" : "HELO") + " hostname");
                return;
            }
            resetTransaction();
            heloName = name;
            lastHeloName = name;
            if (!ehlo) {
                reply("250 " + HOST_NAME);
                return;
            }
            List<String> lines = new ArrayList<>(List.of(HOST_NAME + " greets " + name, "PIPELINING", "8BITMIME",
                "SIZE " + MAX_MESSAGE_SIZE, "ENHANCEDSTATUSCODES"));
            if (sslContext != null && !tls) {
                lines.add("STARTTLS");
            }
            StringBuilder reply = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                reply.append("250").append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i)).append("\r\n");
            }
            write(reply.toString());
        }

        private void mail(String argument) throws IOException {
            if (heloName == null || sender != null) {
                reply("503 5.5.1 Bad sequence of commands");
                return;
            }
            String address = path(argument, "FROM:");
            if (address == null) {
                reply("501 5.5.4 Syntax: MAIL FROM:<address>");
                return;
            }
            sender = address;
            reply("250 2.1.0 Ok");
        }

        private void rcpt(String argument) throws IOException {
            if (sender == null) {
                reply("503 5.5.1 Bad sequence of commands");
                return;
            }
            String address = path(argument, "TO:");
            if (address == null || address.isEmpty()) {
                reply("501 5.5.4 Syntax: RCPT TO:<address>");
                return;
            }
            pause(rcptReplyDelayMillis);
            String scripted = recipientReplies.get(key(address));
            if (scripted != null) {
                reply(scripted);
                if (scripted.charAt(0) != '2') {
                    return;
                }
            } else {
                reply("250 2.1.5 Ok");
            }
            recipients.add(address);
        }

        private boolean data(String argument) throws IOException {
            if (sender == null) {
                reply("503 5.5.1 Bad sequence of commands");
                return true;
            }
            if (!argument.isEmpty()) {
                reply("501 5.5.4 Syntax: DATA");
                return true;
            }
            if (recipients.isEmpty()) {
                reply("554 5.5.1 No valid recipients");
                return true;
            }
            String refused = dataCommandReplies.get(key(sender));
            if (refused != null) {
                reply(refused);
                return !hangUpAfterDataRefusal.contains(key(sender));
            }
            reply("354 End data with <CR><LF>.<CR><LF>");
            contentsStarted.incrementAndGet();
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            boolean tooBig = false;
            while (true) {
                byte[] line = readLine(-1);
                if (line == null) {
                    return false; // the client went away in the middle of the message
                }
                int length = lengthWithoutEnding(line);
                if (length == 1 && line[0] == '.') {
                    break;
                }
                int skip = line.length > 0 && line[0] == '.' ? 1 : 0;
                if (content.size() + line.length - skip > MAX_MESSAGE_SIZE) {
                    tooBig = true;
                } else {
                    content.write(line, skip, line.length - skip);
                }
            }
            String answer = tooBig ? "552 5.3.4 Message too big" : dataReply;
            pause(dataReplyDelayMillis);
            if (answer.charAt(0) == '2') {
                record(new ReceivedMessage(sender, recipients, content.toByteArray(), heloName, tls));
            }
            reply(answer);
            resetTransaction();
            return true;
        }

        private boolean startTls(String argument) throws IOException {
            if (tls) {
                reply("503 5.5.1 TLS already active");
                return true;
            }
            if (!argument.isEmpty()) {
                reply("501 5.5.4 Syntax: STARTTLS");
                return true;
            }
            reply("220 2.0.0 Ready to start TLS");
            // anything the client pipelined after STARTTLS is dropped, as RFC 3207 requires
            SSLSocket secured = (SSLSocket) sslContext.getSocketFactory()
                .createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
            secured.setUseClientMode(false);
            try {
                secured.startHandshake();
            } catch (IOException e) {
                return false; // the handshake failed: nothing more can be said in clear
            }
            bind(secured);
            tls = true;
            heloName = null;
            resetTransaction();
            return true;
        }

        private void resetTransaction() {
            sender = null;
            recipients.clear();
        }

        /**
         * The address in {@code FROM:<a@b> PARAM=...}: brackets removed, "" for {@code <>}, parameters ignored;
         * null when it does not parse.
         */
        private String path(String argument, String keyword) {
            if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
                return null;
            }
            String rest = argument.substring(keyword.length()).trim();
            if (rest.startsWith("<")) {
                int end = rest.indexOf('>');
                if (end < 0) {
                    return null;
                }
                String address = rest.substring(1, end).trim();
                int route = address.indexOf(':');
                if (address.startsWith("@") && route > 0) {
                    address = address.substring(route + 1); // an obsolete source route
                }
                return address;
            }
            if (rest.isEmpty()) {
                return null;
            }
            int space = rest.indexOf(' ');
            return space < 0 ? rest : rest.substring(0, space);
        }

        /** One line including its LF (and CR); null at end of stream, also when the last line is incomplete. */
        private byte[] readLine(int limit) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                line.write(b);
                if (b == '\n') {
                    return line.toByteArray();
                }
                if (limit > 0 && line.size() > limit) {
                    throw new LineTooLongException();
                }
            }
        }

        private int lengthWithoutEnding(byte[] line) {
            int length = line.length;
            if (length > 0 && line[length - 1] == '\n') {
                length--;
            }
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            return length;
        }

        private String text(byte[] line) {
            return new String(line, 0, lengthWithoutEnding(line), StandardCharsets.UTF_8);
        }

        private void reply(String reply) throws IOException {
            write(reply + "\r\n");
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException() {
            super("command line too long");
        }
    }
}
