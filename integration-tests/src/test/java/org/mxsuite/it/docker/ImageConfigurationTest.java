package org.mxsuite.it.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.builder.FileBasedConfigurationBuilder;
import org.apache.commons.configuration2.builder.fluent.Parameters;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.imapserver.netty.IMAPServerFactory;
import org.apache.james.pop3server.netty.POP3ServerFactory;
import org.apache.james.protocols.lib.netty.AbstractServerFactory;
import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.WebAdminGuiceProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mxsuite.embedded.EmbeddedServer;
import org.mxsuite.embedded.jpa.DerbyFiles;
import org.mxsuite.it.docker.ImageLayout;
import org.mxsuite.it.docker.PrintStartProperties;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.ServerPortsProbe;
import org.mxsuite.it.support.StablePorts;

import com.google.inject.multibindings.Multibinder;

/**
 * James booted in this JVM on the configuration the image runs: the Dockerfile's COPYs carried out over James's JPA
 * image configuration (tag james-project-3.8.1), installed by the image's start script into James's working directory,
 * with the keystore that script makes and the system properties it hands James (extra.props, loaded as James's main
 * loads it). Changed from the image, as a test on one machine must: every port is a free one (port 0), James's Derby
 * database is in the test's directory, the server is named (compose.yaml's hostname: in the image), and the
 * composition is the embedded one (James's JPA data layer, as the image; the mail spool in files, not ActiveMQ).
 */
class ImageConfigurationTest {
    private static final String SERVER_NAME = "mx.example.net";
    private static final List<String> REMAPPED_PORTS = List.of("mxsuite.smtp.port", "mxsuite.smtp.alt.port", "mxsuite.submission.port",
        "mxsuite.smtps.port", "mxsuite.submission2.port", "mxsuite.submission3.port", "mxsuite.smtps2.port", "mxsuite.imap.port",
        "mxsuite.imaps.port", "mxsuite.pop3.port", "mxsuite.pop3s.port", "mxsuite.webadmin.port");

    private static Path directory;
    private static ImageLayout container;
    private static Properties systemProperties;
    private static GuiceJamesServer server;
    private static SSLContext trustingTheContainersKey;
    private static Certificate containersCertificate;
    private static int panelPort;

    @BeforeAll
    static void bootJamesAsTheImageWould() throws Exception {
        directory = Files.createTempDirectory("mxsuite-image");
        container = ImageLayout.build(directory.resolve("container"));
        ImageLayout.Run prepared = container.start(PrintStartProperties.class.getName(), directory.resolve("no-secrets"));
        Path home = Path.of(prepared.printed.get("workingDirectory"));

        systemProperties = (Properties) System.getProperties().clone();
        // other tests of this JVM leave mxsuite.* set for their in-process servers (loopback, fewer listeners); the
        // image sets none but what its start script hands James
        systemProperties.stringPropertyNames().stream().filter(name -> name.startsWith("mxsuite.")).forEach(System::clearProperty);
        // what James's main does first, with the file the start script gave it
        System.setProperty("extra.props", prepared.printed.get("extraProps"));
        ExtraProperties.initialize();
        for (String port : REMAPPED_PORTS) {
            System.setProperty(port, "0");
        }
        System.setProperty("mxsuite.delivery.heloname", SERVER_NAME);
        panelPort = StablePorts.take();
        System.setProperty("mxsuite.panel.port", String.valueOf(panelPort));
        Path filesystem = container.path("/");
        DerbyFiles.prepare(filesystem);
        System.setProperty("mxsuite.database.url", DerbyFiles.url(filesystem));
        System.setProperty("derby.stream.error.file", DerbyFiles.logFile(filesystem));

        server = EmbeddedServer.createServer(Configuration.builder().workingDirectory(home.toFile()).build())
            .overrideWith(binder -> {
                Multibinder<GuiceProbe> probes = Multibinder.newSetBinder(binder, GuiceProbe.class);
                probes.addBinding().to(ServerPortsProbe.class);
                probes.addBinding().to(ListenersProbe.class);
            });
        server.start();

        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(container.path("/root/var/tls/keystore.p12"))) {
            keystore.load(in, Files.readString(container.path("/root/var/tls/keystore.secret")).trim().toCharArray());
        }
        containersCertificate = keystore.getCertificate("mxsuite");
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("container", containersCertificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        trustingTheContainersKey = SSLContext.getInstance("TLS");
        trustingTheContainersKey.init(null, trust.getTrustManagers(), null);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null && server.isStarted()) {
                // James stops its 11 listeners one after the other, each waiting out Netty's 2-second quiet period:
                // stopped all at once first, the test takes 20 seconds less
                server.getProbe(ListenersProbe.class).unbindAllAtOnce();
                server.stop();
            }
            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            for (ObjectName name : mbeans.queryNames(new ObjectName("org.apache.james:*"), null)) {
                mbeans.unregisterMBean(name);
            }
            DerbyFiles.shutdown(container.path("/"));
        } finally {
            if (systemProperties != null) {
                System.setProperties(systemProperties);
            }
            MxSuiteServer.deleteRecursively(directory);
        }
    }

    @Test
    void theControlPanelListensBeyondLoopbackOverHttpsOnlyWithTheContainersKey() throws Exception {
        try (SSLSocket tls = tls(new Socket("127.0.0.1", panelPort))) {
            send(tls, "GET /login HTTP/1.1\r\nHost: " + SERVER_NAME + "\r\nConnection: close\r\n");
            assertThat(line(tls)).startsWith("HTTP/1.1 200");
            assertThat(tls.getSession().getPeerCertificates()[0]).isEqualTo(containersCertificate);
        }
        try (Socket plain = new Socket("127.0.0.1", panelPort)) {
            plain.setSoTimeout(10_000);
            send(plain, "GET /login HTTP/1.1\r\nHost: " + SERVER_NAME + "\r\nConnection: close\r\n");
            String answer = new String(plain.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).as("plain HTTP gets no page").doesNotContain("Sign in");
        }
    }

    @Test
    void everySmtpServerOfTheImageOffersTlsWithTheContainersKey() throws Exception {
        List<Boolean> implicitTls = smtpServers().stream()
            .map(smtp -> smtp.getBoolean("tls[@socketTLS]", false))
            .collect(Collectors.toList());
        List<Integer> ports = server.getProbe(ServerPortsProbe.class).smtpPorts();

        assertThat(ports).as("25, 2525, 587, 465, 26, 10025, 10465").hasSize(7).hasSameSizeAs(implicitTls);
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            if (implicitTls.get(i)) {
                try (SSLSocket tls = tls(new Socket("127.0.0.1", port))) {
                    assertThat(line(tls)).as("SMTPS on %d", port).startsWith("220 ");
                    assertThat(tls.getSession().getPeerCertificates()[0]).isEqualTo(containersCertificate);
                }
            } else {
                try (Socket plain = new Socket("127.0.0.1", port)) {
                    plain.setSoTimeout(10_000);
                    assertThat(line(plain)).as("greeting on %d", port).startsWith("220 ");
                    send(plain, "EHLO client.example.org");
                    assertThat(reply(plain)).as("EHLO on %d", port).anyMatch(ehlo -> ehlo.matches("250[ -]STARTTLS"));
                    send(plain, "STARTTLS");
                    assertThat(reply(plain).get(0)).as("STARTTLS on %d", port).startsWith("220");
                    try (SSLSocket tls = tls(plain)) {
                        send(tls, "EHLO client.example.org");
                        List<String> ehlo = reply(tls);
                        assertThat(ehlo.get(ehlo.size() - 1)).as("EHLO over TLS on %d", port).startsWith("250 ");
                        assertThat(tls.getSession().getPeerCertificates()[0]).isEqualTo(containersCertificate);
                    }
                }
            }
        }
    }

    @Test
    void imapAndPop3GreetInPlainTextAndOverTls() throws Exception {
        ServerPortsProbe ports = server.getProbe(ServerPortsProbe.class);

        try (Socket imap = new Socket("127.0.0.1", ports.imapPorts().get(0))) {
            imap.setSoTimeout(10_000);
            assertThat(line(imap)).startsWith("* OK");
        }
        try (SSLSocket imaps = tls(new Socket("127.0.0.1", ports.imapPorts().get(1)))) {
            assertThat(line(imaps)).startsWith("* OK");
        }
        try (Socket pop3 = new Socket("127.0.0.1", ports.pop3Ports().get(0))) {
            pop3.setSoTimeout(10_000);
            assertThat(line(pop3)).startsWith("+OK");
        }
        try (SSLSocket pop3s = tls(new Socket("127.0.0.1", ports.pop3Ports().get(1)))) {
            assertThat(line(pop3s)).startsWith("+OK");
        }
    }

    @Test
    void theSuitesWebAdminRoutesAndTheHealthCheckAnswer() throws Exception {
        for (String path : List.of("/healthcheck", "/hosted-domains", "/greylist/stats", "/bans", "/domains", "/metrics")) {
            assertThat(get(path)).as(path).isEqualTo(200);
        }
    }

    @Test
    void theServerListensOnEveryInterfaceAndWebAdminOnLoopbackOnly() throws Exception {
        assertThat(smtpServers()).allSatisfy(smtp -> assertThat(smtp.getString("bind")).startsWith("0.0.0.0:"));
        Properties webadmin = new Properties();
        try (InputStream in = Files.newInputStream(container.jamesHome().resolve("conf/webadmin.properties"))) {
            webadmin.load(in);
        }
        assertThat(webadmin.getProperty("host")).isEqualTo("${sys:mxsuite.webadmin.host:-127.0.0.1}");
        assertThat(System.getProperty("mxsuite.webadmin.host")).isNull();
    }

    /** Every SMTP, IMAP and POP3 listener, to stop them together. */
    public static class ListenersProbe implements GuiceProbe {
        private final List<AbstractServerFactory> factories;

        @Inject
        public ListenersProbe(SMTPServerFactory smtp, IMAPServerFactory imap, POP3ServerFactory pop3) {
            this.factories = List.of(smtp, imap, pop3);
        }

        void unbindAllAtOnce() throws InterruptedException {
            List<Thread> unbinding = factories.stream().flatMap(factory -> factory.getServers().stream())
                .map(listener -> new Thread(listener::unbind))
                .collect(Collectors.toList());
            unbinding.forEach(Thread::start);
            for (Thread thread : unbinding) {
                thread.join();
            }
        }
    }

    private static List<HierarchicalConfiguration<ImmutableNode>> smtpServers() throws Exception {
        XMLConfiguration smtpservers = new FileBasedConfigurationBuilder<>(XMLConfiguration.class)
            .configure(new Parameters().xml().setFile(container.jamesHome().resolve("conf/smtpserver.xml").toFile()))
            .getConfiguration();
        return new ArrayList<>(smtpservers.configurationsAt("smtpserver")).stream()
            .filter(smtp -> smtp.getBoolean("[@enabled]", true))
            .collect(Collectors.toList());
    }

    private static int get(String path) throws IOException {
        int port = server.getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(30_000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static SSLSocket tls(Socket socket) throws IOException {
        SSLSocket tls = (SSLSocket) trustingTheContainersKey.getSocketFactory()
            .createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.setSoTimeout(10_000);
        tls.startHandshake();
        return tls;
    }

    private static void send(Socket socket, String command) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One line, read byte by byte: no buffering, so that a STARTTLS handshake finds the socket's bytes untouched. */
    private static String line(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** A multi-line SMTP reply, every line. */
    private static List<String> reply(Socket socket) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = line(socket);
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }
}
