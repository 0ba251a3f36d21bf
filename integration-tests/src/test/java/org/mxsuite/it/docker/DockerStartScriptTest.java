package org.mxsuite.it.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mxsuite.it.support.LaunchedServer;
import org.mxsuite.it.support.Repository;

/**
 * The image's start script (docker/mxsuite-start.sh) run for real, with this JDK's keytool and java, on a directory
 * laid out as a container of the image ({@link ImageLayout}), James's main class replaced by
 * {@link PrintStartProperties}: each container makes its own keystore with a random password at its first start and
 * keeps it, no secret is on a command line, and James runs on the configuration and plugin of the image it was
 * started from, whatever an earlier image left.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(LaunchedServer.LOCK)
class DockerStartScriptTest {
    private static final String POSTGRESQL_PASSWORD = "pg-password-from-a-docker-secret";

    private static ImageLayout.Run start(ImageLayout container, Path secrets) throws Exception {
        return container.start(PrintStartProperties.class.getName(), secrets, "--an-argument");
    }

    private static Path secrets(Path directory) throws IOException {
        return Files.writeString(directory.resolve("mxsuite.properties"), "mxsuite.state.postgresql.password=" + POSTGRESQL_PASSWORD + "\n");
    }

    @Test
    void eachContainerMakesItsOwnKeystoreAtFirstStartKeepsItOwnerOnlyAndPassesSecretsOnNoCommandLine(@TempDir Path directory) throws Exception {
        ImageLayout first = ImageLayout.build(directory.resolve("first"));
        ImageLayout second = ImageLayout.build(directory.resolve("second"));
        Path secrets = secrets(directory);

        ImageLayout.Run started = start(first, secrets);
        byte[] keystore = Files.readAllBytes(first.path("/root/var/tls/keystore.p12"));
        String secret = Files.readString(first.path("/root/var/tls/keystore.secret"));
        ImageLayout.Run restarted = start(first, secrets);
        ImageLayout.Run other = start(second, secrets);

        assertThat(started.printed.get("publicKey")).as("James opens the keystore with the password it is given").isNotBlank();
        assertThat(restarted.printed.get("publicKey")).isEqualTo(started.printed.get("publicKey"));
        assertThat(Files.readAllBytes(first.path("/root/var/tls/keystore.p12"))).isEqualTo(keystore);
        assertThat(other.printed.get("publicKey")).as("another container, another key").isNotEqualTo(started.printed.get("publicKey"));
        assertThat(Files.readString(second.path("/root/var/tls/keystore.secret"))).isNotEqualTo(secret);
        assertThat(secret).matches("[A-Za-z0-9_-]{32}").isNotEqualTo("james72laBalle");
        assertThat(started.printed.get("args")).isEqualTo("--an-argument");

        // the first start's secrets: on no command line (keytool's and java's were seen), and the owner's only
        assertThat(started.printed.get("postgresqlPassword")).isEqualTo(POSTGRESQL_PASSWORD);
        assertThat(started.commandLines).as("keytool and java were seen").anyMatch(line -> line.contains("keytool"))
            .anyMatch(line -> line.contains(PrintStartProperties.class.getName()));
        assertThat(started.commandLines).noneMatch(line -> line.contains(secret) || line.contains(POSTGRESQL_PASSWORD));
        assertThat(started.printed.get("commandLine")).doesNotContain(secret, POSTGRESQL_PASSWORD);
        assertThat(permissions(first.path("/root/var/tls"))).isEqualTo("rwx------");
        assertThat(permissions(first.path("/root/var/tls/keystore.p12"))).isEqualTo("rw-------");
        assertThat(permissions(first.path("/root/var/tls/keystore.secret"))).isEqualTo("rw-------");
    }

    @Test
    void jamesRunsOnTheImagesConfigurationAndPluginWhateverAnEarlierImageLeft(@TempDir Path directory) throws Exception {
        ImageLayout container = ImageLayout.build(directory.resolve("container"));
        Path home = container.jamesHome();

        ImageLayout.Run first = start(container, secrets(directory));

        assertThat(Path.of(first.printed.get("workingDirectory"))).isEqualTo(home);
        assertThat(home.resolve("conf/smtpserver.xml")).hasSameTextualContentAs(Repository.jamesConf().resolve("smtpserver.xml"));
        assertThat(home.resolve("conf/jwt_publickey")).as("the base image's files the suite does not ship").exists();
        // the base image's conf/jwt_publickey is James's test key, whose private half is in James's repository
        assertThat(home.resolve("conf/webadmin.properties")).hasSameTextualContentAs(Repository.jamesConf().resolve("webadmin.properties"));
        assertThat(home.resolve("extensions-jars/mxsuite-plugin.jar")).hasSameBinaryContentAs(Repository.pluginJar());
        assertThat(home.resolve("var").toRealPath()).as("var/ is the /root/var volume").isEqualTo(container.path("/root/var").toRealPath());
        assertThat(home.toString()).as("the Lucene index, in the working directory, is in the /var/store volume")
            .startsWith(container.path("/var/store").toString());

        // what an older image installed, and files it shipped that the newer one does not
        Files.writeString(home.resolve("conf/mxsuite.properties"), "from.the.old.image=true\n");
        Files.writeString(home.resolve("conf/removed.xml"), "<old/>");
        Files.writeString(home.resolve("extensions-jars/mxsuite-plugin-0.0.9.jar"), "old jar");
        start(container, secrets(directory));

        assertThat(home.resolve("conf/mxsuite.properties")).hasSameTextualContentAs(Repository.jamesConf().resolve("mxsuite.properties"));
        assertThat(home.resolve("conf/removed.xml")).doesNotExist();
        try (var jars = Files.list(home.resolve("extensions-jars"))) {
            assertThat(jars.map(jar -> jar.getFileName().toString())).containsExactly("mxsuite-plugin.jar");
        }
    }

    @Test
    void theAdministratorsFilesGoOverTheImagesAndTheirJwtKeyIsTheOneWebAdminChecksTokensWith(@TempDir Path directory) throws Exception {
        ImageLayout container = ImageLayout.build(directory.resolve("container"));
        Files.createDirectories(container.overrides());
        Files.writeString(container.overrides().resolve("jwt_publickey"), "-----BEGIN PUBLIC KEY-----\nadministrator's\n");
        Files.writeString(container.overrides().resolve("mailrepositorystore.xml"), "<mailrepositorystore/>\n");

        start(container, secrets(directory));
        start(container, secrets(directory));

        Path conf = container.jamesHome().resolve("conf");
        assertThat(conf.resolve("mailrepositorystore.xml")).hasContent("<mailrepositorystore/>");
        assertThat(conf.resolve("smtpserver.xml")).hasSameTextualContentAs(Repository.jamesConf().resolve("smtpserver.xml"));
        assertThat(Files.readAllLines(conf.resolve("webadmin.properties"))).containsOnlyOnce("jwt.publickeypem.url=file://conf/jwt_publickey")
            .containsAll(Files.readAllLines(Repository.jamesConf().resolve("webadmin.properties")));
        assertThat(conf.resolve("jwt_publickey")).hasContent("-----BEGIN PUBLIC KEY-----\nadministrator's");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
