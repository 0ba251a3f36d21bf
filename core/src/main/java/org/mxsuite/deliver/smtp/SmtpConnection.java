package org.mxsuite.deliver.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mxsuite.domain.ControlCharacters;
import org.mxsuite.domain.Durations;
import org.mxsuite.net.Deadline;

/**
 * The client side of one SMTP connection to a destination (RFC 5321), reused for several transactions.
 * MAIL, the RCPTs and DATA go in one write when the server offers PIPELINING (RFC 2920). Every step has a time
 * limit (a whole reply, each write, the TLS handshake), and a reply a size limit: a server that drips, floods or
 * stops reading breaks the connection rather than holding the delivery thread.
 */
public final class SmtpConnection implements Closeable {
    /** Writes the message content; the connection dot-stuffs it. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream output) throws IOException;
    }

    private static final int MAX_LINE = 4096;
    /** No SMTP reply is this long (an EHLO reply with every extension is under 1 KB). */
    private static final int MAX_REPLY = 65536;

    private final String host;
    private final int port;
    private final Timeouts timeouts;
    /** What a deadline closes, also under TLS: see {@link Deadline#watch}. */
    private final Socket tcp;
    private Socket socket;
    private InputStream input;
    private OutputStream output;
    private final SmtpReply greeting;
    private Set<String> extensions = Set.of();
    private boolean reusable = true;
    /** The name the peer was found under (an MX host, a configured destination): the address's by default. */
    private String peerName;

    private SmtpConnection(String host, int port, Timeouts timeouts, Socket socket) throws IOException {
        this.host = host;
        this.peerName = host;
        this.port = port;
        this.timeouts = timeouts;
        this.tcp = socket;
        try {
            bind(socket);
            this.greeting = read(timeouts.command());
            if (greeting.code() != 220) {
                throw new SmtpException(greeting);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Connects and reads the greeting; a refused connection or a greeting other than 220 is an {@link SmtpException}. */
    public static SmtpConnection open(String host, int port, Timeouts timeouts) throws SmtpException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) timeouts.connect().toMillis());
            return new SmtpConnection(host, port, timeouts, socket);
        } catch (SmtpException e) {
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new SmtpException(SmtpReply.local(421, "4.4.1", "cannot connect to " + host + ":" + port + ": " + describe(e)), e);
        }
    }

    private void bind(Socket socket) throws IOException {
        this.socket = socket;
        this.input = new BufferedInputStream(socket.getInputStream(), 8192);
        this.output = new BufferedOutputStream(limitWrites(socket.getOutputStream(), timeouts.dataBlock()), 65536);
    }

    /** {@code output}, each of whose writes must end within {@code limit}: a server that stops reading is a timeout. */
    private OutputStream limitWrites(OutputStream output, Duration limit) {
        return new FilterOutputStream(output) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                Deadline.Watch watch = Deadline.after(limit).watch(tcp);
                try {
                    out.write(bytes, offset, length);
                } catch (IOException e) {
                    throw watch.reason(e);
                } finally {
                    watch.close();
                }
            }
        };
    }

    public SmtpReply greeting() {
        return greeting;
    }

    /** The host name (or address literal) this connection was opened to. */
    public String host() {
        return host;
    }

    /** Names the peer as it was found (an MX host), for what is told of the connection afterwards. */
    public SmtpConnection knownAs(String name) {
        this.peerName = name;
        return this;
    }

    /** The name the peer was found under; the host connected to when none was given. */
    public String peerName() {
        return peerName;
    }

    /** The IP address connected to. */
    public String remoteAddress() {
        return tcp.getInetAddress().getHostAddress();
    }

    /** Whether the connection is encrypted now (after a successful STARTTLS). */
    public boolean isEncrypted() {
        return socket instanceof SSLSocket;
    }

    /** EHLO, falling back to HELO for servers that do not know it. */
    public SmtpReply ehlo(String heloName) throws SmtpException {
        SmtpReply reply = command("EHLO " + heloName);
        if (reply.code() == 250) {
            Set<String> offered = new HashSet<>();
            for (String line : reply.lines().subList(1, reply.lines().size())) {
                String keyword = line.trim().toUpperCase(Locale.ROOT);
                offered.add(keyword.split("\\s+")[0]);
            }
            extensions = Set.copyOf(offered);
            return reply;
        }
        if (reply.isPermanent()) {
            SmtpReply helo = command("HELO " + heloName);
            extensions = Set.of();
            return helo;
        }
        return reply;
    }

    /** The server's certificate chain, leaf first, once STARTTLS has succeeded. */
    public Optional<X509Certificate[]> peerCertificates() {
        if (!isEncrypted()) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = ((SSLSocket) socket).getSession().getPeerCertificates();
            return Optional.of(Arrays.stream(chain).filter(X509Certificate.class::isInstance)
                .map(X509Certificate.class::cast).toArray(X509Certificate[]::new));
        } catch (SSLPeerUnverifiedException e) {
            return Optional.of(new X509Certificate[0]);
        }
    }

    public boolean supports(String extension) {
        return extensions.contains(extension.toUpperCase(Locale.ROOT));
    }

    /** STARTTLS (RFC 3207) without SNI; on success the caller must EHLO again. */
    public SmtpReply startTls(SSLSocketFactory factory) throws SmtpException {
        return startTls(factory, Optional.empty());
    }

    /**
     * STARTTLS (RFC 3207), sending {@code serverName} as SNI when given (a host connected to by address would send
     * none); on success the caller checks {@link #peerCertificates} and must EHLO again.
     */
    public SmtpReply startTls(SSLSocketFactory factory, Optional<String> serverName) throws SmtpException {
        SmtpReply reply = command("STARTTLS");
        if (reply.code() != 220) {
            return reply;
        }
        try {
            SSLSocket secure = (SSLSocket) factory.createSocket(socket, host, port, true);
            secure.setUseClientMode(true);
            if (serverName.isPresent()) {
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(serverName.get())));
                secure.setSSLParameters(parameters);
            }
            secure.setSoTimeout((int) timeouts.command().toMillis());
            try (Deadline.Watch watch = Deadline.after(timeouts.command()).watch(tcp)) {
                try {
                    secure.startHandshake();
                } catch (IOException e) {
                    throw watch.reason(e);
                }
            }
            bind(secure);
            extensions = Set.of();
            return reply;
        } catch (IOException e) {
            throw broken("TLS handshake with " + host + ":" + port + " failed", timeouts.command(), e);
        }
    }

    /**
     * One mail transaction. Recipients refused at RCPT are reported, not thrown; the content is sent when at least
     * one recipient was accepted. A broken connection is an {@link SmtpException}.
     */
    public TransactionResult send(MaybeSender sender, List<MailAddress> recipients, long size, Content content)
        throws SmtpException {
        // never written to the next server, where a bare CR may end a line (SMTP acceptance refuses them; this
        // guards mail held before it did)
        if (ControlCharacters.in(sender.asString(""))) {
            return new TransactionResult(SmtpReply.local(553, "5.1.7", "not sent: the sender's address holds a control character"),
                Map.of(), Optional.empty());
        }
        Map<MailAddress, SmtpReply> refusedHere = new LinkedHashMap<>();
        List<MailAddress> sendable = new ArrayList<>();
        for (MailAddress recipient : recipients) {
            if (ControlCharacters.in(recipient.asString())) {
                refusedHere.put(recipient, SmtpReply.local(553, "5.1.3", "not sent: the recipient's address holds a control character"));
            } else {
                sendable.add(recipient);
            }
        }
        if (sendable.isEmpty()) {
            return new TransactionResult(SmtpReply.local(250, "2.0.0", "no MAIL sent"), Map.of(), Optional.empty())
                .withRefusedHere(refusedHere);
        }
        return transaction(sender, sendable, size, content).withRefusedHere(refusedHere);
    }

    private TransactionResult transaction(MaybeSender sender, List<MailAddress> recipients, long size, Content content)
        throws SmtpException {
        String mail = "MAIL FROM:<" + sender.asString("") + ">" + (supports("SIZE") ? " SIZE=" + size : "");
        if (supports("PIPELINING")) {
            return sendPipelined(mail, recipients, content);
        }
        SmtpReply mailReply = command(mail);
        if (!mailReply.isPositive()) {
            return new TransactionResult(mailReply, Map.of(), Optional.empty());
        }
        Map<MailAddress, SmtpReply> replies = new LinkedHashMap<>();
        for (MailAddress recipient : recipients) {
            replies.put(recipient, command("RCPT TO:<" + recipient.asString() + ">"));
        }
        if (replies.values().stream().noneMatch(SmtpReply::isPositive)) {
            endTransaction();
            return new TransactionResult(mailReply, replies, Optional.empty());
        }
        SmtpReply data = command("DATA");
        if (data.code() != 354) {
            endTransaction();
            return new TransactionResult(mailReply, replies, Optional.of(data));
        }
        return new TransactionResult(mailReply, replies, Optional.of(writeContent(content)));
    }

    private TransactionResult sendPipelined(String mail, List<MailAddress> recipients, Content content) throws SmtpException {
        write(mail);
        for (MailAddress recipient : recipients) {
            write("RCPT TO:<" + recipient.asString() + ">");
        }
        write("DATA");
        flush();
        SmtpReply mailReply = read(timeouts.command());
        Map<MailAddress, SmtpReply> replies = new LinkedHashMap<>();
        for (MailAddress recipient : recipients) {
            replies.put(recipient, read(timeouts.command()));
        }
        SmtpReply data = read(timeouts.command());
        if (data.code() != 354) {
            endTransaction();
            boolean accepted = mailReply.isPositive() && replies.values().stream().anyMatch(SmtpReply::isPositive);
            return new TransactionResult(mailReply, replies, accepted ? Optional.of(data) : Optional.empty());
        }
        if (!mailReply.isPositive() || replies.values().stream().noneMatch(SmtpReply::isPositive)) {
            // a server that says 354 with no valid recipient: send an empty message end so it rejects it
            SmtpReply end = writeContent(output -> { });
            return new TransactionResult(mailReply, replies, end.isPositive() ? Optional.empty() : Optional.of(end));
        }
        return new TransactionResult(mailReply, replies, Optional.of(writeContent(content)));
    }

    private SmtpReply writeContent(Content content) throws SmtpException {
        try {
            DotStuffingOutputStream data = new DotStuffingOutputStream(output);
            content.writeTo(data);
            data.finish();
        } catch (SmtpException e) {
            throw e;
        } catch (IOException e) {
            throw broken("sending the message to " + host + ":" + port + " failed", timeouts.dataBlock(), e);
        }
        return read(timeouts.dataEnd());
    }

    public SmtpReply rset() throws SmtpException {
        return command("RSET");
    }

    /**
     * RSET after a transaction that sent no content. A server that refuses DATA may keep the transaction's MAIL and
     * RCPTs in effect (Postfix does after its smtpd_data_restrictions): without a reset the connection's next MAIL
     * would get 503, a permanent refusal of a message nobody refused. A server that does not reset (or hung up after
     * its refusal) cannot carry another message; what it said of this one still stands.
     */
    private void endTransaction() {
        try {
            reusable = rset().isPositive();
        } catch (SmtpException e) {
            reusable = false;
        }
    }

    /**
     * False once the server would not reset a transaction, or the connection is closed: it must not carry another
     * message.
     */
    public boolean isReusable() {
        return reusable;
    }

    /** One command and its reply (the steps of a test transaction, RSET, QUIT). */
    public SmtpReply command(String line) throws SmtpException {
        write(line);
        flush();
        return read(timeouts.command());
    }

    public void quit() {
        try {
            command("QUIT");
        } catch (SmtpException e) {
            // the server may close first; nothing is lost either way
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        reusable = false;
        // closing a TLS socket writes close_notify first, which a server that stopped reading would block
        try (Deadline.Watch watch = Deadline.after(timeouts.dataBlock()).watch(tcp)) {
            closeQuietly(socket);
        }
    }

    private void write(String line) throws SmtpException {
        try {
            output.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw broken("writing to " + host + ":" + port + " failed", timeouts.dataBlock(), e);
        }
    }

    private void flush() throws SmtpException {
        try {
            output.flush();
        } catch (IOException e) {
            throw broken("writing to " + host + ":" + port + " failed", timeouts.dataBlock(), e);
        }
    }

    /** One reply, all of it within {@code timeout}: SO_TIMEOUT alone would wait that long for each byte. */
    private SmtpReply read(Duration timeout) throws SmtpException {
        Deadline.Watch watch = Deadline.after(timeout).watch(tcp);
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            List<String> lines = new ArrayList<>();
            int size = 0;
            while (true) {
                String line = readLine();
                if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2))) {
                    throw invalid("invalid reply from " + host + ": " + line);
                }
                size += line.length() + 2;
                if (size > MAX_REPLY) {
                    throw invalid("reply from " + host + " longer than " + MAX_REPLY + " bytes");
                }
                int code = Integer.parseInt(line.substring(0, 3));
                boolean last = line.length() == 3 || line.charAt(3) == ' ';
                lines.add(line.length() > 4 ? line.substring(4) : "");
                if (last) {
                    return new SmtpReply(code, lines);
                }
            }
        } catch (SmtpException e) {
            throw e;
        } catch (IOException e) {
            throw broken("no reply from " + host + ":" + port, timeout, watch.reason(e));
        } finally {
            watch.close();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = input.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() < MAX_LINE) {
                line.write(b);
            }
        }
    }

    /** The connection failed at a step limited to {@code limit}: it is closed, and a timeout says so. */
    private SmtpException broken(String what, Duration limit, IOException cause) {
        close();
        boolean late = cause instanceof SocketTimeoutException;
        String why = late ? "timeout after " + Durations.format(limit) : describe(cause);
        return new SmtpException(SmtpReply.local(421, "4.4.2", what + ": " + why), cause);
    }

    /** A reply that is not SMTP: what follows it cannot be trusted either. */
    private SmtpException invalid(String what) {
        close();
        return new SmtpException(SmtpReply.local(451, "4.5.0", what));
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // closing a broken socket
        }
    }
}
