package org.mxsuite.deliver.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities a server's certificate may chain to: the JVM's trust store, plus the server-wide CA file
 * ({@code delivery.tls.caFile}) when one is set; or a domain's own CA file alone ({@code tlsCaFile}: a customer's
 * private CA, trusted for that domain only).
 */
public final class TrustAnchors {
    private final X509TrustManager trustManager;
    private final String description;

    private TrustAnchors(X509TrustManager trustManager, String description) {
        this.trustManager = trustManager;
        this.description = description;
    }

    /** The JVM's trust store, plus the CAs of {@code caFile} when given. */
    public static TrustAnchors jvmDefault(Optional<Path> caFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            X509TrustManager jvm = manager(null);
            int index = 0;
            for (X509Certificate authority : jvm.getAcceptedIssuers()) {
                store.setCertificateEntry("jvm-" + index++, authority);
            }
            if (caFile.isPresent()) {
                for (X509Certificate authority : read(caFile.get())) {
                    store.setCertificateEntry("file-" + index++, authority);
                }
            }
            return new TrustAnchors(manager(store), caFile.map(file -> "JVM trust store and " + file).orElse("JVM trust store"));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read the trust store: " + e.getMessage(), e);
        }
    }

    /** Only the CAs of {@code caFile}. */
    public static TrustAnchors only(Path caFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (X509Certificate authority : read(caFile)) {
                store.setCertificateEntry("file-" + index++, authority);
            }
            return new TrustAnchors(manager(store), caFile.toString());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read the CA file " + caFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The certificates of a PEM (or DER) file.
     *
     * @throws IOException when the file cannot be read or holds no certificate
     */
    public static List<X509Certificate> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> authorities = new ArrayList<>();
            for (Certificate certificate : certificates) {
                authorities.add((X509Certificate) certificate);
            }
            if (authorities.isEmpty()) {
                throw new IOException(file + " holds no certificate");
            }
            return authorities;
        } catch (CertificateException e) {
            throw new IOException(file + " is not a PEM or DER certificate file: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager manager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
            .map(X509TrustManager.class::cast).findFirst()
            .orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
    }

    /** Validates a server's chain (PKIX: signatures, validity dates, CA constraints), names not checked. */
    public X509TrustManager trustManager() {
        return trustManager;
    }

    /** A client context that validates servers with these anchors (for HTTPS, such as an MTA-STS policy fetch). */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JRE", e);
        }
    }

    /** "JVM trust store", "JVM trust store and /etc/mxsuite/ca.pem", "/path/customer-ca.pem". */
    public String describe() {
        return description;
    }
}
