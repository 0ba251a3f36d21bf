package org.mxsuite.it.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.builder.FileBasedConfigurationBuilder;
import org.apache.commons.configuration2.builder.fluent.Parameters;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.deliver.ServerNameCheck;
import org.mxsuite.it.support.Repository;

/**
 * No Docker engine runs where we build, so the image's inputs are checked here: what the Dockerfile copies exists,
 * james-conf/ as the image reads it (no system properties set) parses and listens on the standard ports, and the
 * Dockerfile and compose.yaml are read against what the base image declares (its VOLUMEs and EXPOSEd ports, kept here
 * as James's jpa-app pom declares them).
 */
class DockerImageInputsTest {
    /** server/apps/jpa-app/pom.xml of apache/james-project at tag james-project-3.8.1, jib's {@code <volumes>}. */
    static final List<String> BASE_IMAGE_VOLUMES = List.of("/logs", "/root/conf", "/root/extensions-jars", "/root/glowroot/plugins",
        "/root/glowroot/data", "/root/var", "/var/store");
    /** The same pom's {@code <ports>}: JMAP, IMAP, IMAPS, SMTP, SMTPS, submission, Glowroot, WebAdmin. */
    static final List<String> BASE_IMAGE_PORTS = List.of("80", "143", "993", "25", "465", "587", "4000", "8000");
    /** The base image's VOLUMEs that hold data: kept across updates, so mounted as named volumes (or bind mounts). */
    private static final List<String> DATA_VOLUMES = List.of("/root/var", "/var/store");
    /** The base image's VOLUMEs of configuration and plugins: from the image at every start, never from a volume. */
    private static final List<String> IMAGE_CONTENT_VOLUMES = List.of("/root/conf", "/root/extensions-jars");
    private static final Pattern ANY_COPY = Pattern.compile("^(?:COPY|ADD)\\s+(?:--\\S+\\s+)*(\\S+)\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern MOUNT = Pattern.compile("^\\s*-\\s*\"?([^:\"\\s]+):(/[^:\"\\s]*)(?::ro|:rw)?\"?\\s*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{sys:([a-z0-9.]+)(:-[^}]*)?}");

    private final Map<String, String> savedProperties = new HashMap<>();

    @BeforeEach
    void clearSuiteProperties() {
        // other tests of this JVM set mxsuite.* for their in-process servers; the image sets none
        System.getProperties().stringPropertyNames().stream()
            .filter(name -> name.startsWith("mxsuite."))
            .forEach(name -> savedProperties.put(name, System.clearProperty(name)));
    }

    @AfterEach
    void restoreSuiteProperties() {
        savedProperties.forEach(System::setProperty);
    }

    @Test
    void dockerfileBuildsOnTheStockJpaImageOf381() throws IOException {
        String dockerfile = Files.readString(Repository.root().resolve("docker/Dockerfile"));

        assertThat(dockerfile).containsPattern("(?m)^FROM apache/james:jpa-3\\.8\\.1$");
    }

    @Test
    void everyFileTheDockerfileCopiesExists() throws IOException {
        String dockerfile = Files.readString(Repository.root().resolve("docker/Dockerfile"));
        Matcher copies = ANY_COPY.matcher(dockerfile);
        List<String> sources = new ArrayList<>();
        while (copies.find()) {
            if (!copies.group().contains("--from=")) {
                sources.add(copies.group(1));
            }
        }

        assertThat(sources).contains("plugin/target/mxsuite-plugin.jar", "james-conf/", "docker/mxsuite-start.sh");
        assertThat(sources).allMatch(source -> Files.exists(Repository.root().resolve(source)));
        // .dockerignore leaves out everything but what it names: each source, or a directory holding it
        List<String> kept = Files.readAllLines(Repository.root().resolve(".dockerignore")).stream()
            .filter(line -> line.startsWith("!")).map(line -> line.substring(1)).collect(Collectors.toList());
        assertThat(sources).allSatisfy(source -> assertThat(kept).as("%s in the build context", source)
            .anyMatch(pattern -> source.equals(pattern) || pattern.endsWith("/") && source.startsWith(pattern)));
    }

    @Test
    void theImageExposesTheStandardPortsButNotWebAdmin() throws IOException {
        assertThat(ourExposedPorts()).contains("25", "2525", "26", "465", "587", "10025", "10465", "143", "993", "110", "995")
            .doesNotContain("8000");
    }

    @Test
    void everyPortTheBaseImageExposesIsOneOfOursOrOffOrOnTheContainersLoopback() throws Exception {
        // docker run -P publishes the base image's EXPOSEd ports too, and other containers of the network reach them
        for (String port : BASE_IMAGE_PORTS) {
            if (ourExposedPorts().contains(port)) {
                continue;
            }
            switch (port) {
                case "8000":
                    assertThat(webAdminProperties().getString("port")).isEqualTo("8000");
                    assertThat(webAdminProperties().getString("host")).as("WebAdmin, unauthenticated").isEqualTo("127.0.0.1");
                    break;
                case "80":
                    assertThat(properties("jmap.properties").getProperty("enabled")).as("JMAP").isEqualTo("false");
                    break;
                case "4000":
                    assertThat(Files.readString(Repository.root().resolve("docker/mxsuite-start.sh"))).as("Glowroot is an agent: none")
                        .doesNotContain("-javaagent");
                    break;
                default:
                    throw new AssertionError("the base image exposes " + port + ": listen on it, or say why nothing answers there");
            }
        }
    }

    private static List<String> ourExposedPorts() throws IOException {
        return instructions("EXPOSE").stream()
            .flatMap(line -> Arrays.stream(line.split("\\s+")).skip(1))
            .collect(Collectors.toList());
    }

    @Test
    void noRunWritesUnderAVolumeOfTheBaseImage() throws IOException {
        // a builder may discard it (the classic builder, which Testcontainers uses; Docker Engine before 23)
        assertThat(instructions("RUN")).allSatisfy(run -> assertThat(volumesMentioned(run)).as(run).isEmpty());
        assertThat(volumesMentioned("RUN keytool -genkeypair -keystore /root/conf/keystore"))
            .as("the check itself, on the defect it is for").containsExactly("/root/conf");
    }

    @Test
    void theImageCopiesNothingIntoAVolumeOfTheBaseImage() throws IOException {
        // a re-created container keeps its anonymous volumes' contents: a newer image's files there would not be seen
        Matcher copies = ANY_COPY.matcher(dockerfile());
        while (copies.find()) {
            assertThat(volumesMentioned(copies.group(2))).as(copies.group()).isEmpty();
        }
    }

    @Test
    void composeMountsTheDataVolumesAndTakesConfigurationAndPluginFromTheImage() throws IOException {
        Map<String, String> mounts = composeMounts();
        String startScript = Files.readString(Repository.root().resolve("docker/mxsuite-start.sh"));
        String deployment = Files.readString(Repository.root().resolve("docs/deployment.md"));

        assertThat(mounts).as("data volumes, kept across updates").containsKeys(DATA_VOLUMES.toArray(String[]::new));
        for (String volume : IMAGE_CONTENT_VOLUMES) {
            if (mounts.containsKey(volume)) {
                throw new AssertionError(volume + " is mounted (" + mounts.get(volume) + "): an update would keep the old "
                    + "configuration or plugin; they come from the image (mount your own files at /etc/mxsuite/conf)");
            }
            // unmounted: compose would re-attach the old container's anonymous volume, so James must not run on it, and
            // the update must be documented
            assertThat(startScript).as("James's working directory").doesNotContain("-Dworking.directory=\"$root/\"")
                .contains("-Dworking.directory=\"$home/\"").contains("home=${MXSUITE_HOME:-/var/store/james-home}")
                .contains("cp -R \"$image/conf/.\" \"$home/conf/\"").contains("cp -R \"$image/extensions-jars/.\" \"$home/extensions-jars/\"");
        }
        assertThat(deployment).as("the documented update").contains("## Updating")
            .contains("docker compose -f docker/compose.yaml up -d --build");
        for (String volume : BASE_IMAGE_VOLUMES) {
            if (!DATA_VOLUMES.contains(volume) && !IMAGE_CONTENT_VOLUMES.contains(volume)) {
                // /logs and Glowroot's: nothing of ours writes there (logs go to the console, no Glowroot agent)
                assertThat(Files.readString(Repository.jamesConf().resolve("logback.xml"))).as(volume).doesNotContain(volume);
                assertThat(startScript).as(volume).doesNotContain(volume);
            }
        }
    }

    @Test
    void composeNamesTheServerWithAFullyQualifiedName() throws IOException {
        // otherwise its name is the container's id: EHLO and the SRS domain of forwarded mail become 12 hex digits
        String hostname = composeLines().stream().map(String::trim).filter(line -> line.startsWith("hostname:"))
            .map(line -> line.substring("hostname:".length()).trim())
            .findFirst().orElseThrow(() -> new AssertionError("compose.yaml gives the server no hostname"));

        if (hostname.startsWith("${")) {
            assertThat(hostname).as("a variable compose requires").matches("\\$\\{MXSUITE_HOSTNAME:\\?[^}]+}");
        } else {
            assertThat(ServerNameCheck.problem(hostname)).as(hostname).isEmpty();
        }
    }

    private static String dockerfile() throws IOException {
        return Files.readString(Repository.root().resolve("docker/Dockerfile"));
    }

    /** The Dockerfile's instructions of one kind, continuation lines joined. */
    private static List<String> instructions(String keyword) throws IOException {
        return Arrays.stream(dockerfile().replace("\\\n", " ").split("\n"))
            .map(String::trim)
            .filter(line -> line.startsWith(keyword + " "))
            .collect(Collectors.toList());
    }

    /** The base image's VOLUMEs a piece of the Dockerfile names: the path itself or anything under it. */
    static List<String> volumesMentioned(String text) {
        return BASE_IMAGE_VOLUMES.stream()
            .filter(volume -> Pattern.compile(Pattern.quote(volume) + "(?![A-Za-z0-9._-])").matcher(text).find())
            .collect(Collectors.toList());
    }

    private static List<String> composeLines() throws IOException {
        return Files.readAllLines(Repository.root().resolve("docker/compose.yaml")).stream()
            .filter(line -> !line.trim().startsWith("#"))
            .collect(Collectors.toList());
    }

    /** compose.yaml's mounts, target to source. */
    private static Map<String, String> composeMounts() throws IOException {
        Map<String, String> mounts = new HashMap<>();
        for (String line : composeLines()) {
            Matcher mount = MOUNT.matcher(line);
            if (mount.matches()) {
                mounts.put(mount.group(2), mount.group(1));
            }
        }
        return mounts;
    }

    private static Properties properties(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream input = Files.newInputStream(Repository.jamesConf().resolve(file))) {
            properties.load(input);
        }
        return properties;
    }

    @Test
    void composePublishesTheMailPortsButNotWebAdmin() throws IOException {
        List<String> published = Files.readAllLines(Repository.root().resolve("docker/compose.yaml")).stream()
            .map(String::trim)
            .filter(line -> line.matches("- \"[0-9.:]+\""))
            .collect(Collectors.toList());

        assertThat(published).contains("- \"25:25\"", "- \"587:587\"", "- \"993:993\"");
        assertThat(published).noneMatch(line -> line.contains("8000"));
    }

    @Test
    void withoutSystemPropertiesWebAdminListensOnLoopbackOnly() throws Exception {
        // unauthenticated: in a container, 0.0.0.0 would let every other container of the network administer it
        assertThat(webAdminProperties().getString("host")).isEqualTo("127.0.0.1");
        assertThat(webAdminProperties().getString("jwt.enabled")).isEqualTo("false");
    }

    @Test
    void theImageMakesNoKeystoreAtBuildTime() throws IOException {
        // one key in the image would be every container's: the start script makes one per container
        String dockerfile = Files.readString(Repository.root().resolve("docker/Dockerfile"));

        assertThat(dockerfile).doesNotContain("keytool").doesNotContain("james72laBalle")
            .containsPattern("(?m)^ENTRYPOINT \\[\"/bin/sh\", \"/usr/local/bin/mxsuite-start.sh\"]$");
    }

    private static org.apache.commons.configuration2.Configuration webAdminProperties() throws Exception {
        return new FileBasedConfigurationBuilder<>(org.apache.commons.configuration2.PropertiesConfiguration.class)
            .configure(new Parameters().properties().setFile(Repository.jamesConf().resolve("webadmin.properties").toFile()))
            .getConfiguration();
    }

    @Test
    void everyConfigurationFileParses() throws Exception {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Repository.jamesConf())) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".xml")) {
                    assertThat(xml(file).getRootElementName()).as(name).isNotBlank();
                } else if (name.endsWith(".properties")) {
                    try (InputStream input = Files.newInputStream(file)) {
                        new Properties().load(input);
                    }
                }
            }
        }
    }

    @Test
    void everyPlaceholderHasADefaultSoTheImageNeedsNoSystemProperty() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Repository.jamesConf())) {
            for (Path file : files) {
                Matcher placeholders = PLACEHOLDER.matcher(Files.readString(file));
                while (placeholders.find()) {
                    assertThat(placeholders.group(2)).as("%s in %s", placeholders.group(), file.getFileName()).isNotNull();
                }
            }
        }
    }

    @Test
    void withoutSystemPropertiesTheServersListenOnTheStandardPorts() throws Exception {
        assertThat(binds("smtpserver.xml", "smtpserver"))
            .containsExactly("0.0.0.0:25", "0.0.0.0:2525", "0.0.0.0:587", "0.0.0.0:465", "0.0.0.0:26", "0.0.0.0:10025", "0.0.0.0:10465");
        assertThat(binds("imapserver.xml", "imapserver")).containsExactly("0.0.0.0:143", "0.0.0.0:993");
        assertThat(binds("pop3server.xml", "pop3server")).containsExactly("0.0.0.0:110", "0.0.0.0:995");
        assertThat(xml(Repository.jamesConf().resolve("smtpserver.xml")).getString("smtpserver(1).tls.keystore"))
            .isEqualTo("file://conf/keystore");
    }

    private static List<String> binds(String file, String element) throws Exception {
        XMLConfiguration configuration = xml(Repository.jamesConf().resolve(file));
        return configuration.configurationsAt(element).stream()
            .map((HierarchicalConfiguration<ImmutableNode> server) -> server.getString("bind"))
            .collect(Collectors.toList());
    }

    private static XMLConfiguration xml(Path file) throws Exception {
        return new FileBasedConfigurationBuilder<>(XMLConfiguration.class)
            .configure(new Parameters().xml().setFile(file.toFile()))
            .getConfiguration();
    }
}
