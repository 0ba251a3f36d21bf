package org.mxsuite.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * No Docker engine runs where we build, so the image's inputs are checked here: what the Dockerfile copies exists,
 * and james-conf/ as the image reads it (no system properties set) parses and listens on the standard ports.
 */
class DockerImageInputsTest {
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(\\S+)\\s+(\\S+)\\s*$", Pattern.MULTILINE);
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
        Matcher copies = COPY.matcher(dockerfile);
        List<String> sources = new ArrayList<>();
        while (copies.find()) {
            sources.add(copies.group(1));
        }

        assertThat(sources).contains("plugin/target/mxsuite-plugin.jar", "james-conf/");
        assertThat(sources).allMatch(source -> Files.exists(Repository.root().resolve(source)));
    }

    @Test
    void theImageExposesTheStandardPortsButNotWebAdmin() throws IOException {
        String dockerfile = Files.readString(Repository.root().resolve("docker/Dockerfile"));
        String expose = dockerfile.lines().filter(line -> line.startsWith("EXPOSE")).findFirst().orElseThrow();

        assertThat(expose.split("\\s+")).contains("25", "2525", "26", "465", "587", "10025", "10465", "143", "993", "110", "995")
            .doesNotContain("8000");
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
