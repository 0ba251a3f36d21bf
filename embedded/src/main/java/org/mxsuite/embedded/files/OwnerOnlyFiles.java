package org.mxsuite.embedded.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only their owner can read, whatever the umask (022 makes new files world-readable): mail,
 * secrets and state are created so from the start, never made private afterwards. On a file system without POSIX
 * permissions, the platform's defaults apply. (A copy of the plugin's org.mxsuite.state.OwnerOnlyFiles: the
 * embedded server does not load the plugin's classes, James does, from extensions-jars/.)
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /**
     * The directory and any missing parent, each created owner-only; the directory itself is made owner-only if it
     * existed with wider permissions (made by an earlier version, or by a launcher under the umask).
     */
    public static Path directory(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (!isPosix(absolute)) {
            return Files.createDirectories(absolute);
        }
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            directory(parent);
        }
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
            if (!Files.getPosixFilePermissions(absolute).equals(DIRECTORY)) {
                Files.setPosixFilePermissions(absolute, DIRECTORY);
            }
        }
        return directory;
    }

    /** The attributes that create a file owner-only ({@code Files.newByteChannel}, {@code FileChannel.open}, ...). */
    public static FileAttribute<?>[] file(Path file) {
        return isPosix(file.toAbsolutePath().getParent())
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
            : new FileAttribute<?>[0];
    }

    /** A file another program made under the umask (keytool, a database), made owner-only. */
    public static void restrict(Path file) throws IOException {
        if (isPosix(file.toAbsolutePath()) && Files.exists(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** Writes a new file, owner-only from its creation (fails if it exists), and forces it to disk. */
    public static void write(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), file(file))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static boolean isPosix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
