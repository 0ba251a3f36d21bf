package org.mxsuite.hold;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.mxsuite.state.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content of held messages as files, next to an H2 state store ({@link JdbcHoldQueue}): one file per message,
 * synced before its row is committed, its name synced before the checkpoint that makes the row durable, deleted once
 * the row's deletion is on disk. H2 kept each body as a LOB inside its single file and, as
 * messages came and went, rewrote the chunks that held them: in the backup-MX benchmark that was a third of a core
 * and 30 MB/s of writes while draining 10 KB messages (measured). PostgreSQL keeps content in its table, shared by
 * every node.
 */
final class HeldContentFiles {
    private static final Logger LOGGER = LoggerFactory.getLogger(HeldContentFiles.class);
    private static final String SUFFIX = ".eml";
    // a hard link to a spool file of the embedded server: the content is the part its trailer describes
    private static final String SPOOLED_SUFFIX = ".spooled";

    private final Path directory;
    private volatile boolean directorySyncFailed;
    private volatile boolean directoryMade;
    // a file was written or linked since the directory was last synced
    private final AtomicBoolean namesAdded = new AtomicBoolean();

    HeldContentFiles(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    private Path file(HeldMessageId id) {
        return directory.resolve(id.asString() + SUFFIX);
    }

    private void ensureDirectory() throws IOException {
        if (!directoryMade) {
            // the mail of others: owner-only, as each file in it
            OwnerOnlyFiles.directory(directory);
            directoryMade = true;
        }
    }

    private Path spooledFile(HeldMessageId id) {
        return directory.resolve(id.asString() + SPOOLED_SUFFIX);
    }

    /** Writes the content and forces it to disk; returns its size. */
    long write(HeldMessageId id, InputStream content) throws IOException {
        ensureDirectory();
        Path file = file(id);
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            OwnerOnlyFiles.file(file))) {
            OutputStream out = Channels.newOutputStream(channel);
            long size = content.transferTo(out);
            channel.force(false);
            namesAdded.set(true);
            return size;
        } catch (IOException | RuntimeException e) {
            delete(id);
            throw e;
        }
    }

    /**
     * Takes the content from a spool file by a hard link: the body, already synced, is not written again (the spool
     * forgets its own name for the file once the mail is processed). Where no link can be made (another file system)
     * it is copied. Returns its size.
     */
    long link(HeldMessageId id, SpoolFileContent content) throws IOException {
        // spool files are never changed once written: what is checked now is what the link will name
        content.check();
        ensureDirectory();
        try {
            Files.createLink(spooledFile(id), content.file());
            namesAdded.set(true);
        } catch (UnsupportedOperationException | IOException e) {
            LOGGER.debug("cannot link {} ({}); copying it", content.file(), e.toString());
            try (InputStream in = content.open()) {
                return write(id, in);
            }
        }
        return content.length();
    }

    /**
     * Forces the directory's entries to disk: a file's own sync does not cover a hard link made to it later, nor,
     * on every file system, the name of a new file. Run once per group of commits, before the commits themselves;
     * returns whether it forced anything. Only new names need it: a deletion that a crash undoes leaves a file
     * without a row, which {@link #deleteAllBut} removes at the next start. While a queue drains, that spares one
     * sync of every checkpoint (on a fresh journaled ext4, about 2000 syncs of 0.7 ms for 10000 deliveries).
     */
    boolean syncDirectory() {
        // cleared before the sync: a name added while it runs is synced by the next checkpoint, the one its
        // hold waits for (a hold waits for a checkpoint that starts after its commit)
        if (!namesAdded.getAndSet(false) || !Files.isDirectory(directory)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
            return true;
        } catch (IOException e) {
            // some platforms cannot open a directory: the files are synced, their names are left to the file system
            if (!directorySyncFailed) {
                directorySyncFailed = true;
                LOGGER.warn("cannot force the names in {} to disk: {}", directory, e.toString());
            }
            return false;
        }
    }

    /** The content, if this message's content is a file (messages held before the files existed are in the table). */
    Optional<InputStream> open(HeldMessageId id) throws IOException {
        try {
            return Optional.of(SpoolFileContent.open(spooledFile(id)));
        } catch (NoSuchFileException e) {
            // written rather than linked
        }
        try {
            return Optional.of(Files.newInputStream(file(id)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void delete(HeldMessageId id) {
        for (Path file : List.of(spooledFile(id), file(id))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOGGER.warn("cannot delete held content {}: {} (removed at the next start)", file, e.getMessage());
            }
        }
    }

    /**
     * Deletes the files of messages that are not held: written for a message whose row never committed, or left
     * when the server stopped between a row's deletion and its file's.
     */
    int deleteAllBut(Set<String> heldIds, Instant olderThan) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*{" + SUFFIX + "," + SPOOLED_SUFFIX + "}")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                // a young file may belong to a hold whose row is being committed right now
                if (!heldIds.contains(name.substring(0, name.lastIndexOf('.')))
                    && Files.getLastModifiedTime(file).toInstant().isBefore(olderThan)) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        }
        return deleted;
    }
}
