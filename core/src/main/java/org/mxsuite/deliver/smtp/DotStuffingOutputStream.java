package org.mxsuite.deliver.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes message content as SMTP DATA (RFC 5321 section 4.5.2): a dot at the start of a line is doubled, bare LF
 * and bare CR become CRLF, and {@link #finish()} ends the content with CRLF "." CRLF.
 */
final class DotStuffingOutputStream extends FilterOutputStream {
    private boolean atLineStart = true;
    private boolean lastWasCr;

    DotStuffingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\n') {
            if (!lastWasCr) {
                out.write('\r');
            }
            out.write('\n');
            atLineStart = true;
            lastWasCr = false;
            return;
        }
        if (lastWasCr) {
            // a CR not followed by LF ends a line too
            out.write('\n');
            atLineStart = true;
        }
        if (b == '\r') {
            out.write('\r');
            lastWasCr = true;
            return;
        }
        if (atLineStart && b == '.') {
            out.write('.');
        }
        out.write(b);
        atLineStart = false;
        lastWasCr = false;
    }

    /** Copies runs of plain bytes in one write; only CR, LF and a dot at a line start go byte by byte. */
    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        int end = offset + length;
        int run = offset;
        for (int i = offset; i < end; i++) {
            byte b = buffer[i];
            if (b == '\r' || b == '\n' || lastWasCr || (atLineStart && b == '.')) {
                out.write(buffer, run, i - run);
                write(b);
                run = i + 1;
            } else {
                atLineStart = false;
            }
        }
        out.write(buffer, run, end - run);
    }

    /** Ends the DATA section; does not close the connection. */
    void finish() throws IOException {
        if (lastWasCr) {
            out.write('\n');
        } else if (!atLineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write(new byte[] {'.', '\r', '\n'});
        out.flush();
    }

    @Override
    public void close() {
        // the socket belongs to the connection
    }
}
