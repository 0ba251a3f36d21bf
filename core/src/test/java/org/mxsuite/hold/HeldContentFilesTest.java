package org.mxsuite.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldContentFilesTest {
    private static final byte[] CONTENT = "Subject: held\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;

    @Test
    void aWrittenFileIsReadBackAndItsNameSyncedOnce() throws IOException {
        HeldContentFiles files = new HeldContentFiles(temp.resolve("held"));
        HeldMessageId id = HeldMessageId.next(Clock.systemUTC());

        assertThat(files.write(id, new ByteArrayInputStream(CONTENT))).isEqualTo(CONTENT.length);

        assertThat(files.syncDirectory()).as("a new name is forced to disk").isTrue();
        assertThat(files.syncDirectory()).as("nothing new since").isFalse();
        assertThat(read(files, id)).isEqualTo(CONTENT);
    }

    @Test
    void aLinkedSpoolFileIsReadBackAndItsNameSynced() throws IOException {
        HeldContentFiles files = new HeldContentFiles(temp.resolve("held"));
        HeldMessageId id = HeldMessageId.next(Clock.systemUTC());
        Path spooled = spoolFile(temp.resolve("spool-1"));

        assertThat(files.link(id, new SpoolFileContent(spooled, CONTENT.length))).isEqualTo(CONTENT.length);

        assertThat(files.syncDirectory()).isTrue();
        assertThat(read(files, id)).isEqualTo(CONTENT);
    }

    @Test
    void heldContentIsTheOwnersOnly() throws IOException {
        HeldContentFiles files = new HeldContentFiles(temp.resolve("held"));
        HeldMessageId id = HeldMessageId.next(Clock.systemUTC());

        files.write(id, new ByteArrayInputStream(CONTENT));

        // whatever the umask (022 in the test: world-readable)
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("held")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("held").resolve(id.asString() + ".eml"))))
            .isEqualTo("rw-------");
    }

    @Test
    void deletionsAloneDoNotSyncTheDirectory() throws IOException {
        HeldContentFiles files = new HeldContentFiles(temp.resolve("held"));
        HeldMessageId id = HeldMessageId.next(Clock.systemUTC());
        files.write(id, new ByteArrayInputStream(CONTENT));
        files.syncDirectory();

        files.delete(id);

        // a deletion a crash undoes leaves a file without a row, removed at the next start (deleteAllBut)
        assertThat(files.syncDirectory()).isFalse();
        assertThat(files.open(id)).isEmpty();
    }

    private static byte[] read(HeldContentFiles files, HeldMessageId id) throws IOException {
        try (InputStream in = files.open(id).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    /** A spool file's tail as the embedded spool writes it: the content, its length, then the end marker. */
    private static Path spoolFile(Path file) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(stream)) {
            out.write(CONTENT);
            out.writeLong(CONTENT.length);
            out.writeLong(0x4d5853454e440aL);
        }
        return file;
    }
}
