package org.mxsuite.it.support;

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
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
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
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A certificate authority made at test time, and server certificates it issues: valid for given DNS names, expired,
 * or from another authority that nobody trusts. EC P-256 keys (made in milliseconds); certificates built with Bouncy
 * Castle's ASN.1 classes (bcprov, already on the classpath) and signed with the JDK.
 */
public final class TestCertificates {
    private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final char[] PASSWORD = "test".toCharArray();

    private final X500Name name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificates(X500Name name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new root authority, valid from yesterday for a year. */
    public static TestCertificates authority(String commonName) {
        X500Name name = new X500Name("CN=" + commonName + ", O=MX Suite tests");
        KeyPair keys = newKeys();
        Instant now = Instant.now();
        return new TestCertificates(name, keys, sign(name, keys.getPublic(), name, keys.getPrivate(),
            now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), true));
    }

    /** A server certificate for these DNS names, valid from yesterday for thirty days. */
    public Issued issue(String... dnsNames) {
        Instant now = Instant.now();
        return issue(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), dnsNames);
    }

    /** A server certificate for these DNS names that expired yesterday. */
    public Issued issueExpired(String... dnsNames) {
        Instant now = Instant.now();
        return issue(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), dnsNames);
    }

    private Issued issue(Instant from, Instant until, String... dnsNames) {
        KeyPair serverKeys = newKeys();
        X509Certificate server = sign(new X500Name("CN=" + dnsNames[0]), serverKeys.getPublic(), name, keys.getPrivate(),
            from, until, false, dnsNames);
        return new Issued(serverKeys, server, certificate);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Writes the authority's certificate as PEM, the form of {@code delivery.tls.caFile}. */
    public Path writePem(Path file) throws IOException {
        String pem = "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der(certificate))
            + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(file, pem);
    }

    /** A server's key and certificate chain. */
    public static final class Issued {
        private final KeyPair keys;
        private final X509Certificate certificate;
        private final X509Certificate issuer;

        private Issued(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {
            this.keys = keys;
            this.certificate = certificate;
            this.issuer = issuer;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        /** A server-side TLS context presenting this certificate and its issuer's. */
        public SSLContext serverContext() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", keys.getPrivate(), PASSWORD, new java.security.cert.Certificate[] {certificate, issuer});
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, PASSWORD);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(factory.getKeyManagers(), null, new SecureRandom());
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
                                        Instant from, Instant until, boolean authority, String... dnsNames) {
        try {
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(SERIALS.incrementAndGet())));
            tbs.setIssuer(issuer);
            tbs.setSubject(subject);
            tbs.setStartDate(new Time(Date.from(from)));
            tbs.setEndDate(new Time(Date.from(until)));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
            tbs.setSignature(ECDSA_SHA256);
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (authority) {
                extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                GeneralName[] names = new GeneralName[dnsNames.length];
                for (int i = 0; i < dnsNames.length; i++) {
                    names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
                }
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            tbs.setExtensions(extensions.generate());
            TBSCertificate toSign = tbs.generateTBSCertificate();
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(issuerKey);
            signature.update(toSign.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector certificate = new ASN1EncodableVector();
            certificate.add(toSign);
            certificate.add(ECDSA_SHA256);
            certificate.add(new DERBitString(signature.sign()));
            byte[] der = new DERSequence(certificate).getEncoded(ASN1Encoding.DER);
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
