package org.mxsuite.it.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxsuite.it.CommandLineWatch;
import org.mxsuite.it.Repository;

/**
 * The image's start script (docker/mxsuite-start.sh) run for real, with this JDK's keytool and java, on a directory
 * laid out as the image's /root, James's main class replaced by {@link PrintStartProperties}: each container makes
 * its own keystore with a random password at its first start and keeps it, and no secret is on a command line.
 */
class DockerStartScriptTest {
    private static final String POSTGRESQL_PASSWORD = "pg-password-from-a-docker-secret";

    /** What one run of the script printed, and every command line seen while it ran. */
    private static final class Run {
        final Map<String, String> printed;
        final Set<String> commandLines;

        Run(Map<String, String> printed, Set<String> commandLines) {
            this.printed = printed;
            this.commandLines = commandLines;
        }
    }

    private static Path imageRoot(Path directory) throws IOException {
        Path conf = Files.createDirectories(directory.resolve("conf"));
        Files.copy(Repository.jamesConf().resolve("jvm.properties"), conf.resolve("jvm.properties"));
        // as jib writes it: the classpath of the main class, read by java's @file
        Files.writeString(directory.resolve("jib-classpath-file"), System.getProperty("java.class.path"));
        return directory;
    }

    private static Run start(Path root, Path secrets) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", Repository.root().resolve("docker/mxsuite-start.sh").toString(), "--an-argument")
            .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("JAMES_ROOT", root.toString());
        environment.put("JAMES_MAIN_CLASS", PrintStartProperties.class.getName());
        environment.put("MXSUITE_SECRETS_FILE", secrets.toString());
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + environment.get("PATH"));
        environment.put("TMPDIR", root.toString());
        environment.remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        String output;
        Set<String> commandLines;
        try (CommandLineWatch watch = CommandLineWatch.of(process.toHandle())) {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            commandLines = watch.seen();
        }
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> printed = output.lines()
            .filter(line -> line.matches("[a-zA-Z]+=.*"))
            .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1), (a, b) -> b));
        return new Run(printed, commandLines);
    }

    private static Path secrets(Path directory) throws IOException {
        return Files.writeString(directory.resolve("mxsuite.properties"), "mxsuite.state.postgresql.password=" + POSTGRESQL_PASSWORD + "\n");
    }

    @Test
    void eachContainerMakesItsOwnKeystoreAtFirstStartAndKeepsIt(@TempDir Path directory) throws Exception {
        Path first = imageRoot(Files.createDirectories(directory.resolve("first")));
        Path second = imageRoot(Files.createDirectories(directory.resolve("second")));
        Path secrets = secrets(directory);

        Run started = start(first, secrets);
        byte[] keystore = Files.readAllBytes(first.resolve("var/tls/keystore.p12"));
        String secret = Files.readString(first.resolve("var/tls/keystore.secret"));
        Run restarted = start(first, secrets);
        Run other = start(second, secrets);

        assertThat(started.printed.get("publicKey")).as("James opens the keystore with the password it is given").isNotBlank();
        assertThat(restarted.printed.get("publicKey")).isEqualTo(started.printed.get("publicKey"));
        assertThat(Files.readAllBytes(first.resolve("var/tls/keystore.p12"))).isEqualTo(keystore);
        assertThat(other.printed.get("publicKey")).as("another container, another key").isNotEqualTo(started.printed.get("publicKey"));
        assertThat(Files.readString(second.resolve("var/tls/keystore.secret"))).isNotEqualTo(secret);
        assertThat(secret).matches("[A-Za-z0-9_-]{32}").isNotEqualTo("james72laBalle");
        assertThat(started.printed.get("args")).isEqualTo("--an-argument");
    }

    @Test
    void secretsReachJamesOnNoCommandLine(@TempDir Path directory) throws Exception {
        Path root = imageRoot(directory.resolve("root"));

        Run run = start(root, secrets(directory));

        String secret = Files.readString(root.resolve("var/tls/keystore.secret"));
        assertThat(run.printed.get("postgresqlPassword")).isEqualTo(POSTGRESQL_PASSWORD);
        assertThat(run.commandLines).as("keytool and java were seen").anyMatch(line -> line.contains("keytool"))
            .anyMatch(line -> line.contains(PrintStartProperties.class.getName()));
        assertThat(run.commandLines).noneMatch(line -> line.contains(secret) || line.contains(POSTGRESQL_PASSWORD));
        assertThat(run.printed.get("commandLine")).doesNotContain(secret, POSTGRESQL_PASSWORD);
    }

    @Test
    void theKeystoreAndItsPasswordAreTheOwnersOnly(@TempDir Path directory) throws Exception {
        Path root = imageRoot(directory.resolve("root"));

        start(root, secrets(directory));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/tls")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/tls/keystore.p12")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/tls/keystore.secret")))).isEqualTo("rw-------");
    }
}
