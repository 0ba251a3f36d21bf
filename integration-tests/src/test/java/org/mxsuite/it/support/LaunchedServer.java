package org.mxsuite.it.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * {@code ./mxsuite start} as a user runs it: a JVM of its own running James's JPA product on Derby files, which loads
 * the suite from the plugin jar. Free ports are picked once ({@link StablePorts}) and kept across restarts, as is the data directory;
 * each run's output goes to a log file of its own.
 */
public final class LaunchedServer implements AutoCloseable {
    /**
     * Held by the classes that launch servers: they run one at a time, each beside the in-process classes (which
     * run one after the other in the test JVM), so a launched JVM's boot overlaps the in-process tests' waits
     * (junit-platform.properties).
     */
    public static final String LOCK = "launched servers";
    // a bound, not a wait: a start takes 10 to 20 s; a loaded 2-core machine (parallel builds) has taken over 120 s
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final String[] LISTENERS = {"SMTP", "SUBMISSION", "SMTPS", "IMAP", "IMAPS", "POP3", "POP3S", "WEBADMIN", "PANEL"};

    private final Path home;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, String> environment;
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    /** @param environment more MXSUITE_* variables, e.g. the PostgreSQL state store */
    public LaunchedServer(Map<String, String> environment) throws IOException {
        this.home = Files.createTempDirectory("mxsuite-home");
        this.environment = Map.copyOf(environment);
        for (String listener : LISTENERS) {
            ports.put(listener, StablePorts.take());
        }
    }

    public LaunchedServer() throws IOException {
        this(Map.of());
    }

    public LaunchedServer start() throws IOException, InterruptedException {
        Path log = Files.createTempFile("mxsuite-start", ".log");
        logs.add(log);
        ProcessBuilder builder = new ProcessBuilder(Repository.root().resolve("mxsuite").toString(), "start")
            .directory(Repository.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> variables = builder.environment();
        variables.keySet().removeIf(name -> name.startsWith("MXSUITE_"));
        variables.put("MXSUITE_HOME", home.toString());
        variables.put("MXSUITE_NO_BUILD", "1");
        // DNS lookups stay on this machine (127.0.0.1:53), as in the in-process tests
        variables.put("MXSUITE_DNS_AUTODISCOVER", "false");
        variables.put("MXSUITE_DNS_SERVERS", "127.0.0.1:1");
        // the SMTP-time checks are tested in-process; these tests are about the process
        for (String check : new String[] {"GREYLISTING", "DNSBL", "REVERSEDNS", "SENDERDOMAIN", "HEADERCHECKS", "VIRUSSCAN", "SPAMSCAN"}) {
            variables.put("MXSUITE_CHECKS_" + check + "_ENABLED", "false");
        }
        ports.forEach((name, port) -> variables.put("MXSUITE_" + name + "_PORT", String.valueOf(port)));
        variables.putAll(environment);
        process = builder.start();

        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.readString(log).contains("MX Suite is running.")) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("./mxsuite start did not come up:\n" + tail());
            }
            Thread.sleep(200);
        }
        return this;
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it; true when it stopped within the time given. */
    public boolean stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL: no shutdown hook runs. Returns the exit code (137). */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        return process.exitValue();
    }

    /** The server's process (the JVM: the launcher execs it). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public int port(String listener) {
        return ports.get(listener);
    }

    public int smtpPort() {
        return port("SMTP");
    }

    public Path home() {
        return home;
    }

    public RequestSpecification webAdmin() {
        // WebAdmin takes changes in JSON only (CrossSiteRequestGuard): rest-assured would send a form type
        return given().baseUri("http://127.0.0.1").port(port("WEBADMIN")).contentType(ContentType.JSON);
    }

    public List<Path> logs() {
        return List.copyOf(logs);
    }

    public String currentLog() throws IOException {
        return Files.readString(logs.get(logs.size() - 1), StandardCharsets.UTF_8);
    }

    public String tail() throws IOException {
        String output = currentLog();
        return output.substring(Math.max(0, output.length() - 4000));
    }

    @Override
    public void close() throws Exception {
        if (isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        MxSuiteServer.deleteRecursively(home);
        for (Path log : logs) {
            Files.deleteIfExists(log);
        }
    }
}
