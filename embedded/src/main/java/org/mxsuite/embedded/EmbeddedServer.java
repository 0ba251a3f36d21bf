package org.mxsuite.embedded;

import org.mxsuite.embedded.files.OwnerOnlyFiles;
import java.net.InetAddress;
import java.nio.file.Path;

import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.modules.RunArgumentsModule;
import org.apache.james.server.core.configuration.Configuration;
import org.mxsuite.embedded.jpa.DerbyFiles;
import org.mxsuite.embedded.jpa.JpaServerModules;

/**
 * {@code ./mxsuite start}: prepares the server home, then runs James 3.8.1's JPA product on it (users, domains and
 * mailboxes in a Derby database under the home, or in PostgreSQL), which loads the suite from extensions-jars/ like
 * any James installation, with one change: its mail spool is a directory of synced files ({@link DurableSpoolModule}). Runs in the foreground; Ctrl-C stops James through its own shutdown hook.
 *
 * <p>Nothing here may log through SLF4J before {@code logback.configurationFile} is set.
 */
public final class EmbeddedServer {
    private EmbeddedServer() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(required("mxsuite.home"));
        Path confSource = Path.of(required("mxsuite.conf.source"));
        Path pluginJar = Path.of(required("mxsuite.plugin.jar"));

        ServerHome serverHome = new ServerHome(home.toAbsolutePath().normalize());
        // what James and the suite keep under it (mail, state, keys) is no other user's
        OwnerOnlyFiles.directory(serverHome.root());
        serverHome.installConfiguration(confSource);
        serverHome.installPlugin(pluginJar);
        Keystore keystore = Keystore.ensure(serverHome.tls(), hostName());
        DerbyFiles.prepare(serverHome.root());

        for (String unused : EmbeddedSettings.unusedVariables(System.getenv(), serverHome.placeholders())) {
            System.err.println("MX Suite: warning: " + unused + " sets " + EmbeddedSettings.propertyName(unused)
                + ", which no file of the configuration uses: it changes nothing (docs/configuration.md)");
        }
        EmbeddedSettings settings = EmbeddedSettings.from(serverHome.root(), System.getenv())
            .with("mxsuite.tls.keystore", keystore.fileUrl())
            .with("mxsuite.tls.secret", keystore.secret());
        settings.systemProperties().forEach(System::setProperty);
        System.setProperty("working.directory", serverHome.root().toString());
        System.setProperty("logback.configurationFile", serverHome.conf().resolve("logback.xml").toString());

        System.out.println("MX Suite: starting Apache James 3.8.1 (JPA data layer, durable mail spool) with the suite from " + pluginJar);
        // what JPAJamesServerMain.main does, on our composition
        ExtraProperties.initialize();
        Configuration configuration = Configuration.builder()
            .useWorkingDirectoryEnvProperty()
            .build();
        JamesServerMain.LOGGER.info("Loading configuration {}", configuration);
        JamesServerMain.main(createServer(configuration).overrideWith(new RunArgumentsModule(args)));
        System.out.println(banner(settings, serverHome, keystore));
    }

    /**
     * The server {@code ./mxsuite start} runs, also used by the integration tests: James's JPA product as its own
     * main composes it (the data layer of the {@code apache/james:jpa-3.8.1} image), with the mail spool on disk
     * and SMTP handlers on their connection's event loop.
     */
    public static GuiceJamesServer createServer(Configuration configuration) {
        return GuiceJamesServer.forConfiguration(configuration)
            .combineWith(JpaServerModules.all())
            .overrideWith(new DurableSpoolModule(), new SmtpOnEventLoopModule());
    }

    static String banner(EmbeddedSettings settings, ServerHome home, Keystore keystore) {
        String bind = settings.get("mxsuite.bind");
        return String.join(System.lineSeparator(),
            "MX Suite is running.",
            "  SMTP inbound (MX)    " + bind + ":" + settings.get("mxsuite.smtp.port") + "  (STARTTLS)",
            "  SMTP submission      " + bind + ":" + settings.get("mxsuite.submission.port") + "  (STARTTLS, AUTH)",
            "  SMTPS                " + bind + ":" + settings.get("mxsuite.smtps.port") + "  (implicit TLS, AUTH)",
            "  IMAP                 " + bind + ":" + settings.get("mxsuite.imap.port") + "  (STARTTLS)",
            "  IMAPS                " + bind + ":" + settings.get("mxsuite.imaps.port"),
            "  POP3                 " + bind + ":" + settings.get("mxsuite.pop3.port") + "  (STARTTLS)",
            "  POP3S                " + bind + ":" + settings.get("mxsuite.pop3s.port"),
            "  WebAdmin             http://" + settings.get("mxsuite.webadmin.host") + ":" + settings.get("mxsuite.webadmin.port"),
            "  control panel        " + (EmbeddedSettings.isLoopback(bind) ? "http://" : "https://") + bind + ":" + settings.get("mxsuite.panel.port")
                + "  (accounts: PUT /panel-accounts/{name} over WebAdmin)",
            "  data                 " + home.root(),
            "  configuration        " + home.conf() + " (copied from james-conf/ at each start)",
            "  TLS keystore         " + keystore.path(),
            "false".equals(settings.get("mxsuite.auth.requiretls"))
                ? "  plaintext logins     allowed: listening on loopback only (set MXSUITE_AUTH_REQUIRETLS=true if a proxy"
                    + " forwards connections from elsewhere to it)"
                : "  plaintext logins     refused: AUTH, LOGIN and PASS only over TLS",
            "Press Ctrl-C to stop.");
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getCanonicalHostName();
            // an address literal is no name for a certificate
            return name.matches("(?i)[a-z0-9-]+(\\.[a-z0-9-]+)*") && name.matches(".*[a-zA-Z].*") ? name : "localhost";
        } catch (Exception e) {
            return "localhost";
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: start the server with ./mxsuite start");
        }
        return value;
    }
}
