package org.mxsuite.hold;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.apache.commons.io.input.BoundedInputStream;

/**
 * A message's content as the embedded server's mail spool keeps it: in a file synced before the 250, never changed
 * after, with the content followed by a 16-byte trailer (the content's length, 8 bytes big-endian, then the marker
 * {@code "MXSEND\n"} on 8 bytes; see {@code org.mxsuite.embedded.spool.SpoolFile}, which writes it). A hold store on
 * the same file system can take such a file by a hard link instead of writing the body a second time.
 *
 * <p>The spool names its message sources {@code mxsuite-spool:<path>}; a message read from there and not modified
 * since is that content.
 */
public final class SpoolFileContent {
    /** The source id prefix of a message read from a spool file. */
    public static final String SOURCE_PREFIX = "mxsuite-spool:";
    private static final long END_MAGIC = 0x4d5853454e440aL;   // "MXSEND\n", as SpoolFile writes it
    private static final int TRAILER = 16;

    private final Path file;
    private final long length;
    // read off the file's own trailer (ofSource): spool files never change, so there is nothing left to check
    private final boolean checked;

    public SpoolFileContent(Path file, long length) {
        this(file, length, false);
    }

    private SpoolFileContent(Path file, long length, boolean checked) {
        this.file = file;
        this.length = length;
        this.checked = checked;
    }

    /**
     * The spool file a message source id names, with the content length its trailer gives; empty if the id names
     * none. An {@link IOException} if the file cannot be read or is not a whole spooled content.
     */
    public static Optional<SpoolFileContent> ofSource(String sourceId) throws IOException {
        if (sourceId == null || !sourceId.startsWith(SOURCE_PREFIX)) {
            return Optional.empty();
        }
        Path file = Path.of(sourceId.substring(SOURCE_PREFIX.length()));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return Optional.of(new SpoolFileContent(file, contentLength(channel, file, -1), true));
        }
    }

    public Path file() {
        return file;
    }

    public long length() {
        return length;
    }

    /** An {@link IOException} unless the file ends with the trailer of a content of this length. */
    public void check() throws IOException {
        if (checked) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            contentLength(channel, file, length);
        }
    }

    /** The content; an {@link IOException} if the file does not end with the trailer of a content of this length. */
    public InputStream open() throws IOException {
        // a length read off the file's own trailer (ofSource) is not read again
        return open(file, length, checked);
    }

    /** The content of a spool file (or of a link to one), of the length its trailer gives. */
    public static InputStream open(Path file) throws IOException {
        return open(file, -1, false);
    }

    private static InputStream open(Path file, long expected, boolean trailerRead) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long length = trailerRead ? expected : contentLength(channel, file, expected);
            channel.position(channel.size() - TRAILER - length);
            BoundedInputStream content = new BoundedInputStream(Channels.newInputStream(channel), length);
            content.setPropagateClose(true);
            return new BufferedInputStream(content, 16 * 1024);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The content length the trailer gives, checked against {@code expected} unless that is negative. */
    private static long contentLength(FileChannel channel, Path file, long expected) throws IOException {
        long size = channel.size();
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER);
        while (size >= TRAILER && trailer.hasRemaining() && channel.read(trailer, size - TRAILER + trailer.position()) > 0) {
            // until the trailer is whole
        }
        trailer.flip();
        long length = trailer.remaining() == TRAILER ? trailer.getLong() : -1;
        if (length < 0 || trailer.getLong() != END_MAGIC || length > size - TRAILER || (expected >= 0 && length != expected)) {
            throw new EOFException(file + " does not end with the trailer of a spooled content"
                + (expected >= 0 ? " of " + expected + " bytes" : ""));
        }
        return length;
    }
}
