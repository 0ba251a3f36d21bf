package org.mxsuite.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate authority made for one test run, and server certificates it issues (or that sign themselves), made
 * with the JDK's own keytool: real X.509 certificates, validated by the same code as any other, without a library of
 * their own on the classpath.
 */
public final class TestCa {
    private static final String PASSWORD = "test-only";
    private final Path directory;
    private final Path keystore;
    private final AtomicInteger issued = new AtomicInteger();

    private TestCa(Path directory) {
        this.directory = directory;
        this.keystore = directory.resolve("ca.p12");
    }

    /** A new CA (EC P-256, valid ten years) under {@code directory}; its certificate is {@link #pemFile()}. */
    public static TestCa create(Path directory, String commonName) throws IOException {
        TestCa ca = new TestCa(Files.createDirectories(directory));
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + commonName,
            "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "3650", "-keystore", ca.keystore.toString(),
            "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.keystore.toString(), "-storepass", PASSWORD,
            "-file", ca.pemFile().toString());
        return ca;
    }

    public Path pemFile() {
        return directory.resolve("ca.pem");
    }

    /** A server certificate for these DNS names ({@code ip:} for an address), valid from yesterday for a year. */
    public ServerCertificate issue(String... names) throws IOException {
        return issue("-1d", 365, names);
    }

    /** As {@link #issue}, valid from {@code start} (keytool's form: {@code -400d}) for {@code days}. */
    public ServerCertificate issue(String start, int days, String... names) throws IOException {
        Path leaf = leafKey(names[0]);
        Path request = directory.resolve(leaf.getFileName() + ".csr");
        Path certificate = directory.resolve(leaf.getFileName() + ".pem");
        keytool("-certreq", "-alias", "server", "-keystore", leaf.toString(), "-storepass", PASSWORD, "-file", request.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-infile", request.toString(),
            "-outfile", certificate.toString(), "-rfc", "-ext", "san=" + alternativeNames(names), "-ext", "eku=serverAuth",
            "-startdate", start, "-validity", String.valueOf(days));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", leaf.toString(), "-storepass", PASSWORD,
            "-file", pemFile().toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-keystore", leaf.toString(), "-storepass", PASSWORD,
            "-file", certificate.toString());
        return new ServerCertificate(leaf);
    }

    /** A certificate for these names that no CA signed. */
    public ServerCertificate selfSigned(String... names) throws IOException {
        Path leaf = directory.resolve("self-" + issued.incrementAndGet() + ".p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + names[0],
            "-ext", "san=" + alternativeNames(names), "-validity", "365", "-keystore", leaf.toString(), "-storetype", "PKCS12",
            "-storepass", PASSWORD);
        return new ServerCertificate(leaf);
    }

    private Path leafKey(String commonName) throws IOException {
        Path leaf = directory.resolve("server-" + issued.incrementAndGet() + ".p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + commonName,
            "-validity", "365", "-keystore", leaf.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return leaf;
    }

    private static String alternativeNames(String... names) {
        List<String> entries = new ArrayList<>();
        for (String name : names) {
            entries.add(name.startsWith("ip:") ? name : "dns:" + name);
        }
        return String.join(",", entries);
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(Arrays.asList(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A server's key and certificate chain, as a PKCS12 keystore. */
    public static final class ServerCertificate {
        private final Path keystore;

        private ServerCertificate(Path keystore) {
            this.keystore = keystore;
        }

        /** The server side of TLS with this certificate. */
        public SSLContext serverContext() {
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, PASSWORD.toCharArray());
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, PASSWORD.toCharArray());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, new SecureRandom());
                return context;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The leaf certificate first, then its issuer when a CA issued it. */
        public X509Certificate[] chain() {
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, PASSWORD.toCharArray());
                return Arrays.stream(store.getCertificateChain("server")).map(X509Certificate.class::cast)
                    .toArray(X509Certificate[]::new);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
