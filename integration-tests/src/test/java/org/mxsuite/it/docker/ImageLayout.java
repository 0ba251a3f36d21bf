package org.mxsuite.it.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mxsuite.it.support.CommandLineWatch;
import org.mxsuite.it.support.Repository;


/**
 * The file system of a container of the image, in a directory: docker/Dockerfile's COPY lines carried out in order
 * (the base image's /root/conf is James's JPA configuration of tag james-project-3.8.1, kept in the test resources
 * {@code james-jpa-app-3.8.1/}), the base image's /root with its jib classpath file (this JVM's class path), and the
 * start script run from where the Dockerfile put it, with the image's paths moved under the directory.
 */
public final class ImageLayout {
    /** The base image the Dockerfile's configuration comes from, as its {@code COPY --from} names it. */
    public static final String BASE_IMAGE = "apache/james:jpa-3.8.1";
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(--from=(\\S+)\\s+)?(\\S+)\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final String BASE_CONFIGURATION = "integration-tests/src/test/resources/james-jpa-app-3.8.1";

    private final Path filesystem;

    private ImageLayout(Path filesystem) {
        this.filesystem = filesystem;
    }

    /** What one run of the start script printed ({@code name=value} lines), all its output, the command lines seen. */
    public static final class Run {
        public final Map<String, String> printed;
        public final String output;
        public final Set<String> commandLines;

        Run(Map<String, String> printed, String output, Set<String> commandLines) {
            this.printed = printed;
            this.output = output;
            this.commandLines = commandLines;
        }
    }

    public static ImageLayout build(Path filesystem) throws IOException {
        String dockerfile = Files.readString(Repository.root().resolve("docker/Dockerfile"));
        Matcher copies = COPY.matcher(dockerfile);
        int count = 0;
        while (copies.find()) {
            Path destination = filesystem.resolve(copies.group(4).substring(1));
            if (copies.group(2) != null) {
                assertThat(copies.group(2)).as("the only image copied from").isEqualTo(BASE_IMAGE);
                assertThat(copies.group(3)).as("what the test knows of the base image").isEqualTo("/root/conf/");
                // the jib build lays docker-configuration over sample-configuration
                copyInto(Repository.root().resolve(BASE_CONFIGURATION).resolve("sample-configuration"), destination);
                copyInto(Repository.root().resolve(BASE_CONFIGURATION).resolve("docker-configuration"), destination);
            } else {
                copyInto(Repository.root().resolve(copies.group(3)), destination);
            }
            count++;
        }
        assertThat(count).as("COPY lines of the Dockerfile").isPositive();
        Path root = Files.createDirectories(filesystem.resolve("root"));
        // as jib writes it: the classpath of the main class, read by java's @file
        Files.writeString(root.resolve("jib-classpath-file"), System.getProperty("java.class.path"));
        Files.createDirectories(filesystem.resolve("tmp"));
        return new ImageLayout(filesystem);
    }

    /** COPY's rules: a directory's contents into a directory; a file to a name, or into a directory ending in /. */
    private static void copyInto(Path source, Path destination) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.collect(Collectors.toList())) {
                    Path target = destination.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } else {
            Path target = destination.toString().endsWith("/") ? destination.resolve(source.getFileName()) : destination;
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A path of the container, e.g. {@code /root/var/tls}. */
    public Path path(String absolute) {
        return filesystem.resolve(absolute.substring(1));
    }

    /** James's working directory in the container, where the start script installs configuration and plugin. */
    public Path jamesHome() {
        return path("/var/store/james-home");
    }

    /** Where the administrator's own configuration files are mounted. */
    public Path overrides() {
        return path("/etc/mxsuite/conf");
    }

    /** The entrypoint, with {@code mainClass} in place of James's and {@code secrets} as the Docker secret. */
    public Run start(String mainClass, Path secrets, String... arguments) throws Exception {
        String entrypoint = entrypoint();
        List<String> command = new ArrayList<>(List.of("sh", path(entrypoint).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("JAMES_ROOT", path("/root").toString());
        environment.put("JAMES_MAIN_CLASS", mainClass);
        environment.put("MXSUITE_IMAGE_DIR", path("/opt/mxsuite").toString());
        environment.put("MXSUITE_HOME", jamesHome().toString());
        environment.put("MXSUITE_CONF_OVERRIDES", overrides().toString());
        environment.put("MXSUITE_SECRETS_FILE", secrets.toString());
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + environment.get("PATH"));
        environment.put("TMPDIR", path("/tmp").toString());
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
        return new Run(printed, output, commandLines);
    }

    /** The script the Dockerfile's ENTRYPOINT runs. */
    private static String entrypoint() throws IOException {
        Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT \\[\"/bin/sh\", \"(/[^\"]+)\"]$")
            .matcher(Files.readString(Repository.root().resolve("docker/Dockerfile")));
        assertThat(entrypoint.find()).as("ENTRYPOINT [\"/bin/sh\", \"<script>\"]").isTrue();
        return entrypoint.group(1);
    }
}
