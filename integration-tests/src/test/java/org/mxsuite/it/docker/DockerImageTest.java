package org.mxsuite.it.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.it.support.Repository;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The real image, built from docker/Dockerfile and run. Needs a Docker engine: where none answers (our build
 * machines) the test is skipped with that reason; {@link DockerImageInputsTest}, {@code DockerStartScriptTest} and
 * {@link ImageConfigurationTest} check the inputs and the configuration there.
 *
 * <p>The builder: Testcontainers' {@link ImageFromDockerfile} sends the context to the engine's build API, which is
 * the classic builder (no BuildKit), the builder that discards what a RUN writes under a VOLUME of the base image, as
 * Docker Engine before 23 does by default. BuildKit keeps such writes, so a test on it alone would pass a Dockerfile
 * that fails for those users; the classic builder is the stricter of the two, and the one used here. (The Dockerfile
 * has no RUN, and {@code COPY --from=<image>} works on both.)
 */
class DockerImageTest {
    @BeforeEach
    void requireDocker() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            available = false;
        }
        Assumptions.assumeTrue(available, "skipped: no Docker engine answers on this machine");
    }

    private static boolean webAdminAnswers(String host, int port) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /healthcheck HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return socket.getInputStream().read() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theImageStartsJamesWithTheSuiteAndGreetsOnPort25() throws Exception {
        ImageFromDockerfile image = new ImageFromDockerfile("mxsuite-test", true)
            .withFileFromPath("docker/Dockerfile", Repository.root().resolve("docker/Dockerfile"))
            .withFileFromPath("plugin/target/mxsuite-plugin.jar", Repository.pluginJar())
            .withFileFromPath("james-conf", Repository.jamesConf())
            .withFileFromPath("docker/mxsuite-start.sh", Repository.root().resolve("docker/mxsuite-start.sh"))
            .withDockerfilePath("docker/Dockerfile");

        try (GenericContainer<?> container = new GenericContainer<>(image)
            // compose.yaml's hostname: the server refuses to start under the container's id
            .withCreateContainerCmdModifier(command -> command.withHostName("mx.example.net"))
            .withExposedPorts(25, 8000)
            .waitingFor(Wait.forLogMessage(".*JAMES server started.*", 1).withStartupTimeout(Duration.ofMinutes(3)))) {
            container.start();

            SMTPClient smtp = new SMTPClient();
            smtp.connect(container.getHost(), container.getMappedPort(25));
            try {
                assertThat(smtp.getReplyString()).startsWith("220 mx.example.net ");
            } finally {
                smtp.disconnect();
            }
            assertThat(container.getLogs()).contains("MX Suite state store")
                .contains("MX Suite: James runs in /var/store/james-home with the configuration and plugin of this image");
            assertThat(container.execInContainer("ls", "/var/store/james-home/extensions-jars").getStdout().trim()).isEqualTo("mxsuite-plugin.jar");
            // WebAdmin listens on the container's loopback: published or not, nothing answers from outside
            assertThat(webAdminAnswers(container.getHost(), container.getMappedPort(8000))).isFalse();
            assertThat(container.execInContainer("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:8000/healthcheck")
                .getStdout()).isEqualTo("200");
        }
    }
}
