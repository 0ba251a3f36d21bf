package org.mxsuite.embedded.spool;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.commons.io.input.BoundedInputStream;
import org.apache.james.server.core.MimeMessageSource;

/**
 * The message of a spooled mail, read from its spool file when needed: a mail's body is never kept in the heap. Its
 * id, {@code mxsuite-spool:<path>}, tells the suite's hold queue that an unmodified message is this file's content
 * (org.mxsuite.hold.SpoolFileContent), which it then links instead of copying.
 */
final class SpoolFileSource implements MimeMessageSource {
    static final String SOURCE_PREFIX = "mxsuite-spool:";

    private final Path file;
    private final long offset;
    private final long length;

    SpoolFileSource(Path file, long offset, long length) {
        this.file = file;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public String getSourceId() {
        return SOURCE_PREFIX + file;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        BoundedInputStream content = new BoundedInputStream(Channels.newInputStream(channel), length);
        content.setPropagateClose(true);
        return new BufferedInputStream(content, 16 * 1024);
    }

    @Override
    public long getMessageSize() {
        return length;
    }
}
