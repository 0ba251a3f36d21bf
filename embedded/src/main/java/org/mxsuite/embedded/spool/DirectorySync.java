package org.mxsuite.embedded.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces the entries of a directory to disk (fsync of the directory itself). A file's own sync covers its content,
 * not, on every file system, its name in the directory: after a power cut the file could be whole but unnamed, lost.
 * POSIX leaves that to the directory's own fsync; ext4 with a journal usually commits a new name with the file's
 * sync, other file systems need the directory's. Where the file's sync committed it, this one finds nothing left to
 * write and costs little (measured in bench/README.md).
 */
interface DirectorySync {
    Logger LOGGER = LoggerFactory.getLogger(DirectorySync.class);

    void force(Path directory) throws IOException;

    /** The real one: fsync(2) of the directory, opened for reading, as the JDK allows on Linux. */
    static DirectorySync fsync() {
        AtomicBoolean unsupported = new AtomicBoolean();
        return directory -> {
            FileChannel channel;
            try {
                channel = FileChannel.open(directory, StandardOpenOption.READ);
            } catch (IOException e) {
                if (!Files.isDirectory(directory)) {
                    throw e;
                }
                // a platform that cannot open a directory (Windows): the files are synced, their names are its business
                if (unsupported.compareAndSet(false, true)) {
                    LOGGER.warn("cannot force the names in {} to disk: {}", directory, e.toString());
                }
                return;
            }
            try (channel) {
                // a failure here is a failed write: the caller must not acknowledge the mail
                channel.force(true);
            }
        };
    }
}
