package org.mxsuite.deliver.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Certificates made at test time (EC P-256, SHA-256): a CA, leaves it signs for given names and dates, self-signed
 * leaves, and a server SSLContext presenting a chain. Bouncy Castle's ASN.1 classes only build the DER; the JDK signs.
 */
public final class TestCertificates {
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

    /** A certificate and its key pair. */
    public static final class Issued {
        private final KeyPair keys;
        private final X509Certificate certificate;

        Issued(KeyPair keys, X509Certificate certificate) {
            this.keys = keys;
            this.certificate = certificate;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        public PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    private TestCertificates() {
    }

    /** A self-signed CA valid from an hour ago for a year. */
    public static Issued authority(String commonName) {
        KeyPair keys = keyPair();
        return new Issued(keys, build(commonName, commonName, keys, keys.getPrivate(), List.of(), true,
            Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(365))));
    }

    /** A CA signed by {@code issuer} (an intermediate). */
    public static Issued intermediate(Issued issuer, String commonName) {
        KeyPair keys = keyPair();
        return new Issued(keys, build(commonName, name(issuer), keys, issuer.privateKey(), List.of(), true,
            Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(365))));
    }

    /** A server certificate for {@code dnsNames} ({@code ip:} for an address), signed by {@code issuer}, valid from an hour ago for a year. */
    public static Issued leaf(Issued issuer, String... dnsNames) {
        return leaf(issuer, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(365)), dnsNames);
    }

    public static Issued leaf(Issued issuer, Instant notBefore, Instant notAfter, String... dnsNames) {
        KeyPair keys = keyPair();
        return new Issued(keys, build(dnsNames[0], name(issuer), keys, issuer.privateKey(), List.of(dnsNames), false, notBefore, notAfter));
    }

    /** A self-signed server certificate for {@code dnsNames}, valid between the given dates. */
    public static Issued selfSigned(Instant notBefore, Instant notAfter, String... dnsNames) {
        KeyPair keys = keyPair();
        return new Issued(keys, build(dnsNames[0], dnsNames[0], keys, keys.getPrivate(), List.of(dnsNames), false, notBefore, notAfter));
    }

    /** Writes {@code certificate} as a PEM file (a CA file to trust, as an administrator would give one). */
    public static Path writePem(X509Certificate certificate, Path file) {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server context presenting {@code leaf} followed by {@code chain} (intermediates, CA). */
    public static SSLContext serverContext(Issued leaf, X509Certificate... chain) {
        try {
            X509Certificate[] all = new X509Certificate[chain.length + 1];
            all[0] = leaf.certificate();
            System.arraycopy(chain, 0, all, 1, chain.length);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", leaf.privateKey(), "x".toCharArray(), all);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "x".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Issued issuer) {
        return issuer.certificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "");
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate build(String subject, String issuer, KeyPair subjectKeys, PrivateKey signer, List<String> dnsNames,
                                         boolean authority, Instant notBefore, Instant notAfter) {
        try {
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(SERIALS.incrementAndGet())));
            tbs.setSignature(ECDSA_SHA256);
            tbs.setIssuer(new X500Name("CN=" + issuer));
            tbs.setSubject(new X500Name("CN=" + subject));
            tbs.setStartDate(new Time(Date.from(notBefore)));
            tbs.setEndDate(new Time(Date.from(notAfter)));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()));
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (authority) {
                extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            if (!dnsNames.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                for (String dnsName : dnsNames) {
                    // "ip:192.0.2.1": an address entry, as a server reached by address presents
                    names.add(dnsName.startsWith("ip:") ? new GeneralName(GeneralName.iPAddress, dnsName.substring(3))
                        : new GeneralName(GeneralName.dNSName, dnsName));
                }
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            }
            tbs.setExtensions(extensions.generate());
            TBSCertificate certificate = tbs.generateTBSCertificate();
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(signer);
            signature.update(certificate.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector whole = new ASN1EncodableVector();
            whole.add(certificate);
            whole.add(ECDSA_SHA256);
            whole.add(new DERBitString(signature.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(new DERSequence(whole).getEncoded(ASN1Encoding.DER)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
