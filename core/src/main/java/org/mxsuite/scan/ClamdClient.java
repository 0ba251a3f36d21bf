package org.mxsuite.scan;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.mxsuite.net.Deadline;

/**
 * A client of clamd's INSTREAM command: the message goes in chunks of 64 KiB as it is read, never whole in memory,
 * and the whole scan (connect, stream, verdict) has one time limit after which the connection is closed.
 */
public final class ClamdClient {
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_REPLY = 4096;

    private final ClamdEndpoint endpoint;
    private final Duration timeout;

    public ClamdClient(ClamdEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    public ClamdEndpoint endpoint() {
        return endpoint;
    }

    /** Scans {@code message} (read to its end, not closed). */
    public VirusVerdict scan(InputStream message) throws ScannerUnavailableException {
        String reply = exchange("zINSTREAM\0", message);
        if (reply.endsWith(" FOUND") && reply.startsWith("stream: ")) {
            return VirusVerdict.infected(reply.substring("stream: ".length(), reply.length() - " FOUND".length()));
        }
        if (reply.equals("stream: OK")) {
            return VirusVerdict.clean();
        }
        // e.g. "INSTREAM size limit exceeded. ERROR" when clamd's StreamMaxLength is below what was sent
        throw new ScannerUnavailableException("clamd " + endpoint + " answered: " + reply);
    }

    /** Whether clamd answers PING with PONG in time. */
    public boolean ping() {
        try {
            return exchange("zPING\0", null).equals("PONG");
        } catch (ScannerUnavailableException e) {
            return false;
        }
    }

    private String exchange(String command, InputStream stream) throws ScannerUnavailableException {
        ClamdEndpoint.Connection connection;
        try {
            connection = endpoint.open(timeout);
        } catch (IOException e) {
            throw new ScannerUnavailableException("cannot connect to clamd " + endpoint + ": " + e, e);
        }
        Deadline.Watch deadline = Deadline.after(timeout).watch(connection);
        try (connection) {
            IOException sendFailure = null;
            try {
                OutputStream out = new BufferedOutputStream(connection.out, CHUNK + 4);
                out.write(command.getBytes(StandardCharsets.US_ASCII));
                if (stream != null) {
                    sendChunks(stream, out);
                }
                out.flush();
            } catch (IOException e) {
                // clamd stops reading when it refuses a stream (size limit) and says why: read that first
                sendFailure = e;
            }
            try {
                return readReply(connection.in);
            } catch (IOException e) {
                throw failure(deadline, sendFailure != null ? sendFailure : e);
            }
        } catch (ScannerUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw failure(deadline, e);
        } finally {
            deadline.close();
        }
    }

    private ScannerUnavailableException failure(Deadline.Watch deadline, IOException cause) {
        return new ScannerUnavailableException(deadline.reason(cause) instanceof SocketTimeoutException
            ? "clamd " + endpoint + " did not answer within " + timeout : "clamd " + endpoint + " failed: " + cause, cause);
    }

    private static void sendChunks(InputStream stream, OutputStream out) throws IOException {
        byte[] chunk = new byte[CHUNK];
        int length;
        while ((length = stream.readNBytes(chunk, 0, CHUNK)) > 0) {
            writeLength(out, length);
            out.write(chunk, 0, length);
        }
        writeLength(out, 0);
    }

    /** Each chunk is preceded by its length, four bytes in network order; length 0 ends the stream. */
    private static void writeLength(OutputStream out, int length) throws IOException {
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
    }

    /** A reply of a z-command ends with NUL (or with the connection). */
    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0 && reply.size() < MAX_REPLY) {
            reply.write(b);
        }
        if (reply.size() == 0) {
            throw new IOException("no reply");
        }
        return reply.toString(StandardCharsets.US_ASCII).trim();
    }
}
