package org.mxsuite.scan;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSocketFactory;

import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.net.Deadline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of rspamd's HTTP protocol ({@code POST /checkv2} to its normal worker, or its proxy in self-scan mode): the
 * message is the request body, sent in chunks as it is read; the envelope and client go in request headers
 * ({@code From}, one {@code Rcpt} per recipient, {@code IP}, {@code Helo}, {@code Hostname}, {@code User},
 * {@code Queue-Id}). A plain socket rather than java.net.http: Java 11's HttpClient refuses to send a {@code From}
 * header. One time limit covers the whole exchange.
 */
public final class RspamdClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_REPLY = 1 << 20;

    private final URI base;
    private final Duration timeout;

    public RspamdClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /** {@code http://host:port} (or https), the address of rspamd's normal worker (11333) or proxy. */
    public static URI parseAddress(String key, String raw) {
        URI uri;
        try {
            uri = URI.create(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key + " '" + raw + "' is not a URL such as http://127.0.0.1:11333");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new InvalidSettingException(key + " '" + raw + "' is not a URL such as http://127.0.0.1:11333");
        }
        return uri;
    }

    public URI address() {
        return base;
    }

    /** rspamd's verdict on {@code message} (read to its end, not closed). */
    public SpamVerdict check(InputStream message, SpamEnvelope envelope) throws ScannerUnavailableException {
        Socket tcp;
        try {
            tcp = connect();
        } catch (IOException e) {
            throw new ScannerUnavailableException("cannot connect to rspamd " + base + ": " + e, e);
        }
        Deadline.Watch deadline = Deadline.after(timeout).watch(tcp);
        try (tcp; Socket socket = secure(tcp)) {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), CHUNK + 16);
            out.write(requestHead(envelope).getBytes(StandardCharsets.UTF_8));
            sendChunked(message, out);
            out.flush();
            return parse(readBody(new BufferedInputStream(socket.getInputStream())));
        } catch (ScannerUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw new ScannerUnavailableException(deadline.reason(e) instanceof SocketTimeoutException
                ? "rspamd " + base + " did not answer within " + timeout : "rspamd " + base + " failed: " + e, e);
        } finally {
            deadline.close();
        }
    }

    private int port() {
        return base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
    }

    /** The TCP connection, also for https: the deadline closes it (see {@link Deadline#watch}). */
    private Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(base.getHost(), port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** TLS over {@code tcp} for https (the handshake comes with the first write), else {@code tcp} itself. */
    private Socket secure(Socket tcp) throws IOException {
        if (!"https".equals(base.getScheme())) {
            return tcp;
        }
        return ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(tcp, base.getHost(), port(), true);
    }

    private String requestHead(SpamEnvelope envelope) {
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        StringBuilder head = new StringBuilder()
            .append("POST ").append(path).append("/checkv2 HTTP/1.1\r\n")
            .append("Host: ").append(base.getHost()).append(base.getPort() > 0 ? ":" + base.getPort() : "").append("\r\n")
            .append("Connection: close\r\n")
            .append("Transfer-Encoding: chunked\r\n");
        header(head, "From", envelope.sender());
        for (String recipient : envelope.recipients()) {
            header(head, "Rcpt", recipient);
        }
        header(head, "IP", envelope.clientAddress());
        envelope.helo().ifPresent(helo -> header(head, "Helo", helo));
        envelope.clientHostname().ifPresent(name -> header(head, "Hostname", name));
        envelope.user().ifPresent(user -> header(head, "User", user));
        header(head, "Queue-Id", envelope.queueId());
        return head.append("\r\n").toString();
    }

    /** Values come from the client (HELO, addresses): no line break may end the header early. */
    private static void header(StringBuilder head, String name, String value) {
        head.append(name).append(": ").append(value.replaceAll("[\\r\\n]", " ")).append("\r\n");
    }

    private static void sendChunked(InputStream message, OutputStream out) throws IOException {
        byte[] chunk = new byte[CHUNK];
        int length;
        while ((length = message.readNBytes(chunk, 0, CHUNK)) > 0) {
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk, 0, length);
            out.write('\r');
            out.write('\n');
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The body of a 200 reply, as long as its Content-Length, chunked, or up to the end of the connection. */
    private byte[] readBody(InputStream in) throws IOException {
        String status = readLine(in);
        if (!status.matches("HTTP/1\\.[01] 200( .*)?")) {
            throw new ScannerUnavailableException("rspamd " + base + " answered " + status);
        }
        long contentLength = -1;
        boolean chunked = false;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (contentLength > MAX_REPLY) {
            throw new ScannerUnavailableException("rspamd " + base + " answered " + contentLength + " bytes");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) {
                copy(in, body, size);
                readLine(in);
            }
        } else if (contentLength >= 0) {
            copy(in, body, contentLength);
        } else {
            copy(in, body, MAX_REPLY);
        }
        return body.toByteArray();
    }

    private static void copy(InputStream in, ByteArrayOutputStream body, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            body.write(buffer, 0, read);
            left -= read;
            if (body.size() > MAX_REPLY) {
                throw new IOException("reply over " + MAX_REPLY + " bytes");
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() > 8192) {
                throw new IOException("reply line too long");
            }
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            throw new IOException("connection closed before the reply");
        }
        return line.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
    }

    SpamVerdict parse(byte[] body) throws ScannerUnavailableException {
        JsonNode reply;
        try {
            reply = JSON.readTree(body);
        } catch (IOException e) {
            throw new ScannerUnavailableException("rspamd " + base + " answered something other than JSON", e);
        }
        if (reply == null || !reply.path("action").isTextual()) {
            throw new ScannerUnavailableException("rspamd " + base + " answered without an action: "
                + (reply == null ? "" : reply.path("error").asText("")));
        }
        String actionName = reply.path("action").asText();
        SpamAction action = SpamAction.fromWireName(actionName)
            .orElseThrow(() -> new ScannerUnavailableException("rspamd " + base + " answered an unknown action: " + actionName));
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> symbols = reply.path("symbols").fields(); symbols.hasNext(); ) {
            Map.Entry<String, JsonNode> symbol = symbols.next();
            scored.add(Map.entry(symbol.getKey(), symbol.getValue().path("score").asDouble(0)));
        }
        scored.sort(Comparator.comparing((Map.Entry<String, Double> symbol) -> -symbol.getValue()).thenComparing(Map.Entry::getKey));
        List<String> names = new ArrayList<>();
        scored.forEach(symbol -> names.add(symbol.getKey()));
        Optional<String> smtpMessage = Optional.of(reply.path("messages").path("smtp_message"))
            .filter(JsonNode::isTextual).map(JsonNode::asText);
        return new SpamVerdict(action, reply.path("score").asDouble(0), reply.path("required_score").asDouble(0), names, smtpMessage);
    }
}
