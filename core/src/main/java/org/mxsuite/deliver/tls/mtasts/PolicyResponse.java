package org.mxsuite.deliver.tls.mtasts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the HTTP/1.1 answer to a policy request: a 200 with content type {@code text/plain} (RFC 8461 section 3.3),
 * a body of at most {@link #MAX_BODY} bytes, sent with a length, chunked, or up to the end of the connection. A
 * redirect is a failure: the RFC forbids following it.
 */
final class PolicyResponse {
    /** The limit RFC 8461 section 3.3 suggests. */
    static final int MAX_BODY = 64 * 1024;
    private static final int MAX_HEADER = 16 * 1024;

    private PolicyResponse() {
    }

    static String body(InputStream in, String url) throws IOException, PolicyFetchFailed {
        String statusLine = line(in);
        String[] status = statusLine.split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new PolicyFetchFailed(url + " did not answer in HTTP/1.x: '" + statusLine + "'");
        }
        if (!"200".equals(status[1])) {
            throw new PolicyFetchFailed(url + " answered " + statusLine.substring(status[0].length() + 1)
                + (status[1].startsWith("3") ? " (redirects are not followed)" : ""));
        }
        Map<String, String> headers = headers(in);
        String type = headers.getOrDefault("content-type", "");
        if (!type.toLowerCase(Locale.ROOT).matches("text/plain\\s*(;.*)?")) {
            throw new PolicyFetchFailed(url + " is of content type '" + type + "', not text/plain");
        }
        byte[] body;
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked(in, url);
        } else if (headers.containsKey("content-length")) {
            body = sized(in, url, length(headers.get("content-length"), url));
        } else {
            body = untilEnd(in, url);
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(InputStream in) throws IOException, PolicyFetchFailed {
        Map<String, String> headers = new HashMap<>();
        int size = 0;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            size += line.length();
            if (size > MAX_HEADER) {
                throw new PolicyFetchFailed("the answer's header is over " + MAX_HEADER + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static byte[] chunked(InputStream in, String url) throws IOException, PolicyFetchFailed {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int extension = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim(), 16);
            } catch (NumberFormatException e) {
                throw new PolicyFetchFailed(url + " sent a bad chunk size '" + sizeLine + "'");
            }
            if (size == 0) {
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > MAX_BODY) {
                throw tooLarge(url);
            }
            body.write(sized(in, url, size));
            line(in);
        }
    }

    private static byte[] sized(InputStream in, String url, long length) throws IOException, PolicyFetchFailed {
        if (length > MAX_BODY) {
            throw tooLarge(url);
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new IOException("the connection ended after " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    private static byte[] untilEnd(InputStream in, String url) throws IOException, PolicyFetchFailed {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw tooLarge(url);
        }
        return body;
    }

    private static long length(String value, String url) throws PolicyFetchFailed {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new PolicyFetchFailed(url + " sent a bad Content-Length '" + value + "'");
        }
    }

    private static PolicyFetchFailed tooLarge(String url) {
        return new PolicyFetchFailed(url + " is over " + MAX_BODY + " bytes");
    }

    /** One line without its CRLF (or LF), ISO-8859-1 as HTTP headers are. */
    private static String line(InputStream in) throws IOException, PolicyFetchFailed {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection ended in the answer's header");
            }
            if (line.length() > MAX_HEADER) {
                throw new PolicyFetchFailed("a line of the answer is over " + MAX_HEADER + " bytes");
            }
            line.append((char) c);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }
}
