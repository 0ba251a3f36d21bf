package org.mxsuite.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** The "relaxed" canonicalisation of RFC 6376 3.4.2 (header fields) and 3.4.4 (body). */
public final class RelaxedCanonicalization {
    private RelaxedCanonicalization() {
    }

    /**
     * One header field as signed: the name lower-cased, the value unfolded, each run of spaces and tabs one space, none
     * at the value's ends, and CRLF. {@code field} is the field as written, name, colon and value, folded or not.
     */
    public static String header(String field) {
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).replaceAll("[ \t]+$", "").toLowerCase(java.util.Locale.ROOT);
        String value = field.substring(colon + 1).replaceAll("\r?\n", "").replaceAll("[ \t]+", " ").trim();
        return name + ":" + value + "\r\n";
    }

    /** Feeds the relaxed canonical form of {@code body} to {@code digest}; a bare LF counts as CRLF, as SMTP sends it. */
    public static void body(InputStream body, MessageDigest digest) throws IOException {
        BodyCanonicalizer canonicalizer = new BodyCanonicalizer(digest);
        byte[] buffer = new byte[8192];
        int read;
        while ((read = body.read(buffer)) >= 0) {
            canonicalizer.write(buffer, read);
        }
        canonicalizer.finish();
    }

    /** The body line by line: spaces at line ends dropped, runs of them one space, empty lines at the end dropped. */
    private static final class BodyCanonicalizer {
        private final MessageDigest digest;
        private final byte[] out = new byte[8192];
        private int used;
        /** Empty lines seen and not yet written: written once a line with content follows. */
        private int emptyLines;
        private boolean lineHasContent;
        private boolean space;
        private boolean carriageReturn;

        BodyCanonicalizer(MessageDigest digest) {
            this.digest = digest;
        }

        void write(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b == '\n') {
                    carriageReturn = false;
                    endLine();
                    continue;
                }
                if (carriageReturn) {
                    carriageReturn = false;
                    content((byte) '\r');
                }
                if (b == '\r') {
                    carriageReturn = true;
                } else if (b == ' ' || b == '\t') {
                    space = true;
                } else {
                    content(b);
                }
            }
        }

        private void content(byte b) {
            if (!lineHasContent) {
                for (; emptyLines > 0; emptyLines--) {
                    put((byte) '\r');
                    put((byte) '\n');
                }
                lineHasContent = true;
            }
            if (space) {
                put((byte) ' ');
                space = false;
            }
            put(b);
        }

        private void endLine() {
            space = false;
            if (lineHasContent) {
                put((byte) '\r');
                put((byte) '\n');
                lineHasContent = false;
            } else {
                emptyLines++;
            }
        }

        private void put(byte b) {
            if (used == out.length) {
                digest.update(out, 0, used);
                used = 0;
            }
            out[used++] = b;
        }

        void finish() {
            if (carriageReturn) {
                carriageReturn = false;
                content((byte) '\r');
            }
            if (lineHasContent) {
                endLine();
            }
            digest.update(out, 0, used);
            used = 0;
        }
    }
}
