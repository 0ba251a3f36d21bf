package org.mxsuite.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardModuleTest {
    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theGeneratedSecretIsTheOwnersOnlyInADirectoryOfTheOwnersOnly(@TempDir Path home) throws Exception {
        Path file = home.resolve("var/mxsuite/srs-secret");

        String secret = ForwardModule.generatedSecret(file.toFile());

        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(file.getParent())).isEqualTo("rwx------");
        assertThat(permissions(home.resolve("var"))).isEqualTo("rwx------");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        assertThat(ForwardModule.generatedSecret(file.toFile())).as("kept").isEqualTo(secret);
    }

    @Test
    void aTemporaryFileLeftByACrashIsNeitherReusedNorLeft(@TempDir Path home) throws Exception {
        Path file = home.resolve("srs-secret");
        Path stale = Files.writeString(home.resolve("srs-secret.tmp"), "stale-secret-from-a-crash\n");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-r--r--"));

        String secret = ForwardModule.generatedSecret(file.toFile());

        assertThat(secret).isNotEqualTo("stale-secret-from-a-crash");
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(stale).doesNotExist();
    }
}
