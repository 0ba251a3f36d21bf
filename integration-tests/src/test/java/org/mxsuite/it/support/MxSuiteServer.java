package org.mxsuite.it.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.WebAdminGuiceProbe;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mxsuite.embedded.EmbeddedServer;
import org.mxsuite.embedded.Keystore;
import org.mxsuite.embedded.jpa.DerbyFiles;
import org.mxsuite.state.StateStore;

import com.google.inject.multibindings.Multibinder;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;

/**
 * A real James 3.8.1 server in this JVM, composed as {@code ./mxsuite start} composes it (James's JPA data layer on
 * Derby files in the working directory, the durable mail spool), configured by the repository's james-conf/ exactly as shipped, with every listener on 127.0.0.1 and
 * a free port. The suite is found on the test classpath (the plugin jar), as James finds it in extensions-jars/.
 * One server per test class, or one {@link #shared()} by the classes that ask for it; {@link #restart()} keeps its
 * data (the spool included).
 */
public class MxSuiteServer implements BeforeAllCallback, AfterAllCallback {
    private static final String[] PORT_PROPERTIES = {"mxsuite.smtp.port", "mxsuite.submission.port", "mxsuite.smtps.port",
        "mxsuite.imap.port", "mxsuite.imaps.port", "mxsuite.pop3.port", "mxsuite.pop3s.port", "mxsuite.webadmin.port"};

    private final Map<String, String> properties;
    private static final List<String> CHECKS = List.of("greylisting", "dnsbl", "reversedns", "senderdomain", "headerchecks",
        "virusscan", "spamscan");

    private static Keystore keystore;

    /** The default server that classes may share, when one is started. */
    private static MxSuiteServer shared;

    private final Optional<Clock> clock;
    private final boolean isShared;
    private Path workingDirectory;
    private GuiceJamesServer server;
    private int panelPort;

    public MxSuiteServer() {
        this(Map.of());
    }

    /** A server with more of james-conf/'s placeholders set, e.g. the PostgreSQL state store; unset afterwards. */
    public MxSuiteServer(Map<String, String> properties) {
        this(properties, Optional.empty());
    }

    /**
     * A server whose clock is {@code clock} (James's {@link Clock} binding, which the suite's bans also use), so that
     * a test moves time forward instead of waiting.
     */
    public MxSuiteServer(Map<String, String> properties, Clock clock) {
        this(properties, Optional.of(clock));
    }

    private MxSuiteServer(Map<String, String> properties, Optional<Clock> clock) {
        this(properties, clock, false);
    }

    private MxSuiteServer(Map<String, String> properties, Optional<Clock> clock, boolean isShared) {
        this.properties = Map.copyOf(properties);
        this.clock = clock;
        this.isShared = isShared;
    }

    /**
     * The server of the default configuration that the test classes registering it share, as the tests of one class
     * share theirs (the subjects split from one class keep one server instead of booting James for each): started
     * by the first, kept for the next, stopped when a class starts a server of its own (two James in one JVM collide
     * on their MBeans) and at the end of the run. Its classes leave no domain, account or held mail behind.
     */
    public static synchronized MxSuiteServer shared() {
        if (shared == null) {
            shared = new MxSuiteServer(Map.of(), Optional.empty(), true);
        }
        return shared;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (isShared) {
            if (server == null || !server.isStarted()) {
                boot();
                // the run's end closes what its root context keeps
                context.getRoot().getStore(ExtensionContext.Namespace.create(MxSuiteServer.class))
                    .getOrComputeIfAbsent("shared", key -> (ExtensionContext.Store.CloseableResource) MxSuiteServer::stopShared);
            } else {
                useRestAssured();
            }
            return;
        }
        stopShared();
        boot();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (isShared) {
            RestAssured.requestSpecification = null;
            return;
        }
        shutDown();
    }

    private void boot() throws Exception {
        workingDirectory = Files.createTempDirectory("mxsuite-it");
        configure(workingDirectory);
        // the panel's port is chosen here, not by its listener: no probe reaches the extensions' objects
        panelPort = StablePorts.take();
        System.setProperty("mxsuite.panel.port", String.valueOf(panelPort));
        properties.forEach(System::setProperty);
        start();
    }

    private void shutDown() throws Exception {
        stop();
        RestAssured.requestSpecification = null;
        properties.keySet().forEach(System::clearProperty);
        deleteRecursively(workingDirectory);
    }

    private static synchronized void stopShared() throws Exception {
        if (shared != null && shared.server != null && shared.server.isStarted()) {
            shared.shutDown();
        }
    }

    /** james-conf/ as shipped, with the placeholders it declares set for a test on loopback. */
    private static void configure(Path workingDirectory) throws IOException, InterruptedException {
        Path conf = Files.createDirectories(workingDirectory.resolve("conf"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Repository.jamesConf())) {
            for (Path file : files) {
                Files.copy(file, conf.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Keystore keystore = keystore();
        DerbyFiles.prepare(workingDirectory);
        System.setProperty("mxsuite.database.url", DerbyFiles.url(workingDirectory));
        System.setProperty("derby.stream.error.file", DerbyFiles.logFile(workingDirectory));
        System.setProperty("derby.locks.escalationThreshold", "1000000");
        System.setProperty("mxsuite.bind", "127.0.0.1");
        System.setProperty("mxsuite.webadmin.host", "127.0.0.1");
        System.setProperty("mxsuite.smtp.alt.enabled", "false");
        for (String extraRelayPort : List.of("submission2", "submission3", "smtps2")) {
            System.setProperty("mxsuite." + extraRelayPort + ".enabled", "false");
        }
        System.setProperty("mxsuite.delivery.heloname", "mxsuite.test");
        // every DNS lookup goes to 127.0.0.1:53: the tests' own DNS server where one runs, nothing otherwise
        System.setProperty("mxsuite.dns.autodiscover", "false");
        System.setProperty("mxsuite.delivery.housekeepinginterval", "1s");
        // the panel's charts see the delivery counts and held messages within a second, not a minute
        System.setProperty("mxsuite.activity.flushinterval", "1s");
        System.setProperty("mxsuite.activity.heldsampleinterval", "1s");
        // below the shipped 365d, so that the panel's tests see an owner refused a retention the REST API takes
        System.setProperty("mxsuite.panel.owner.maxretention", "30d");
        // the SMTP-time checks are off unless a test switches one on (properties of the constructor), and their DNS
        // client asks nothing that answers unless a test points it at its own DNS server
        for (String check : CHECKS) {
            System.setProperty("mxsuite.checks." + check + ".enabled", "false");
        }
        System.setProperty("mxsuite.dns.servers", "127.0.0.1:1");
        System.setProperty("mxsuite.tls.keystore", keystore.fileUrl());
        System.setProperty("mxsuite.tls.secret", keystore.secret());
        for (String property : PORT_PROPERTIES) {
            System.setProperty(property, "0");
        }
    }

    /**
     * The servers of this JVM share one keystore, made at the first boot: keytool is a JVM of its own and makes an RSA
     * key, about a second of the machine's for each of the run's many boots. (The launcher's own keystore is tested on
     * {@code ./mxsuite start}: LauncherTest, KeystoreTest.)
     */
    private static synchronized Keystore keystore() throws IOException, InterruptedException {
        if (keystore == null) {
            Path directory = Files.createTempDirectory("mxsuite-it-tls");
            keystore = Keystore.ensure(directory.resolve("tls"), "localhost");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    deleteRecursively(directory);
                } catch (IOException e) {
                    // a temporary directory left behind
                }
            }));
        }
        return keystore;
    }

    public void start() throws Exception {
        Configuration configuration = Configuration.builder()
            .workingDirectory(workingDirectory.toFile())
            .build();
        // the very server ./mxsuite start composes (durable mail spool included), plus a probe of its ports
        server = EmbeddedServer.createServer(configuration)
            .overrideWith(binder -> {
                Multibinder<GuiceProbe> probes = Multibinder.newSetBinder(binder, GuiceProbe.class);
                probes.addBinding().to(ServerPortsProbe.class);
                probes.addBinding().to(JamesDataProbe.class);
            });
        if (clock.isPresent()) {
            server = server.overrideWith(binder -> binder.bind(Clock.class).toInstance(clock.get()));
        }
        server.start();
        useRestAssured();
    }

    private void useRestAssured() {
        // rest-assured's given() talks to this WebAdmin in JSON: WebAdmin refuses a change of another content type
        // (CrossSiteRequestGuard), and rest-assured's defaults are text/plain for a body, a form type for a POST
        RestAssured.requestSpecification = new RequestSpecBuilder().setBaseUri("http://127.0.0.1").setPort(webAdminPort())
            .setContentType(ContentType.JSON).build();
    }

    public void stop() throws Exception {
        if (server != null && server.isStarted()) {
            server.stop();
        }
        unregisterJamesMBeans();
        if (server != null && !properties.containsKey("mxsuite.database.url")) {
            DerbyFiles.shutdown(workingDirectory);
        }
    }

    /**
     * The composition includes James's JMXServerModule, as ./mxsuite start does. With JMX off (jmx.properties),
     * James 3.8.1 still registers its management MBeans in the platform MBean server at start, but its JMXServer
     * only unregisters them when it was started: the next James in this JVM would fail with
     * InstanceAlreadyExistsException. A stopped server owns no MBean, so drop what it left.
     */
    private static void unregisterJamesMBeans() throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : mbeans.queryNames(new ObjectName("org.apache.james:*"), null)) {
            mbeans.unregisterMBean(name);
        }
    }

    /** Stops James and starts it again on the same working directory (and state store). */
    public void restart() throws Exception {
        stop();
        start();
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /** The server's own H2 state store, opened again from the test (the same database, shared in this JVM). */
    /**
     * A connection to the running server's H2 database (in this process, the same database). Not a second
     * {@code StateStore}: opening one recovers from an earlier run as at start, releasing the leases of the deliveries
     * in progress.
     */
    public Connection stateConnection() throws SQLException {
        // the driver is H2's, relocated into the plugin jar and registered when the server opened its store
        return DriverManager.getConnection(StateStore.h2Url(workingDirectory.resolve("var/mxsuite/state").toFile()), "sa", "");
    }

    public <T extends GuiceProbe> T probe(Class<T> probe) {
        return server.getProbe(probe);
    }

    /** The control panel's port (plain HTTP: the test server listens on loopback). */
    public int panelPort() {
        return panelPort;
    }

    public int webAdminPort() {
        return probe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
    }

    public int smtpInboundPort() {
        return probe(ServerPortsProbe.class).smtpPorts().get(0);
    }

    public int smtpSubmissionPort() {
        return probe(ServerPortsProbe.class).smtpPorts().get(1);
    }

    public int smtpsPort() {
        return probe(ServerPortsProbe.class).smtpPorts().get(2);
    }

    public int imapPort() {
        return probe(ServerPortsProbe.class).imapPorts().get(0);
    }

    public int imapsPort() {
        return probe(ServerPortsProbe.class).imapPorts().get(1);
    }

    public int pop3Port() {
        return probe(ServerPortsProbe.class).pop3Ports().get(0);
    }

    public int pop3sPort() {
        return probe(ServerPortsProbe.class).pop3Ports().get(1);
    }

    public static void deleteRecursively(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
