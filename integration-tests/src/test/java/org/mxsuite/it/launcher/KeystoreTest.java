package org.mxsuite.it.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxsuite.embedded.Keystore;
import org.mxsuite.it.support.CommandLineWatch;

/** The keystore {@code ./mxsuite start} makes on first start, with the JDK's real keytool. */
class KeystoreTest {
    @Test
    void keytoolIsNotGivenThePasswordOnItsCommandLine(@TempDir Path directory) throws Exception {
        Keystore keystore;
        try (CommandLineWatch watch = CommandLineWatch.childrenOf(ProcessHandle.current())) {
            keystore = Keystore.ensure(directory.resolve("tls"), "localhost");

            assertThat(watch.seen()).as("keytool was seen running").anyMatch(line -> line.contains("keytool"));
            assertThat(watch.seen()).noneMatch(line -> line.contains(keystore.secret()));
        }
        KeyStore opened = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore.path())) {
            opened.load(in, keystore.secret().toCharArray());
        }
        assertThat(opened.getCertificate("mxsuite")).isNotNull();
    }

    @Test
    void theKeystoreItsPasswordAndTheirDirectoryAreTheOwnersOnly(@TempDir Path directory) throws Exception {
        Path tls = directory.resolve("tls");

        Keystore keystore = Keystore.ensure(tls, "localhost");

        assertThat(permissions(tls)).isEqualTo("rwx------");
        assertThat(permissions(keystore.path())).isEqualTo("rw-------");
        assertThat(permissions(tls.resolve("keystore.secret"))).isEqualTo("rw-------");
        try (var files = Files.list(tls)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("keystore.p12", "keystore.secret");
        }
        assertThat(Keystore.ensure(tls, "localhost").secret()).as("made once").isEqualTo(keystore.secret());
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
