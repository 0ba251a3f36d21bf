package org.mxsuite.deliver.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The certificate checks a domain's {@code tls} setting and MTA-STS ask for. */
public final class PeerChecks {
    private PeerChecks() {
    }

    /**
     * The chain leads to one of {@code anchors} (signatures, validity dates) and its leaf is valid for one of
     * {@code names} (RFC 6125).
     */
    public static PeerCheck validFor(TrustAnchors anchors, List<String> names) {
        return new PeerCheck() {
            @Override
            public Optional<String> problem(X509Certificate[] chain) {
                if (chain.length == 0) {
                    return Optional.of("the server sent no certificate");
                }
                try {
                    // "UNKNOWN": no key-usage test tied to a TLS 1.2 key exchange (the JDK passes the same for TLS 1.3)
                    anchors.trustManager().checkServerTrusted(chain, "UNKNOWN");
                } catch (CertificateException e) {
                    return Optional.of("certificate " + subject(chain[0]) + " not trusted (" + anchors.describe() + "): "
                        + rootCause(e));
                }
                if (names.stream().noneMatch(name -> CertificateNames.matches(chain[0], name))) {
                    return Optional.of("certificate " + subject(chain[0]) + " is for " + CertificateNames.of(chain[0])
                        + ", not " + String.join(" or ", names));
                }
                return Optional.empty();
            }

            @Override
            public String describe() {
                return "certificate valid for " + String.join(" or ", names) + " (" + anchors.describe() + ")";
            }
        };
    }

    /** The leaf certificate's SHA-256 fingerprint is one of {@code fingerprints} (lower-case hex, as TlsSettings gives them). */
    public static PeerCheck pinned(Set<String> fingerprints) {
        Set<String> wanted = Set.copyOf(fingerprints);
        return new PeerCheck() {
            @Override
            public Optional<String> problem(X509Certificate[] chain) {
                if (chain.length == 0) {
                    return Optional.of("the server sent no certificate");
                }
                String actual = fingerprint(chain[0]);
                return wanted.contains(actual) ? Optional.empty()
                    : Optional.of("certificate " + subject(chain[0]) + " has SHA-256 fingerprint " + actual + ", not a pinned one");
            }

            @Override
            public String describe() {
                return "certificate's SHA-256 fingerprint pinned";
            }
        };
    }

    /** SHA-256 of the certificate's DER encoding, lower-case hex without separators. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "'";
    }

    /** The innermost reason, with the date named when it is one (the JDK says only "NotAfter: ..."). */
    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof CertificateExpiredException || cause instanceof CertificateNotYetValidException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof CertificateExpiredException) {
            return "expired (" + cause.getMessage() + ")";
        }
        if (cause instanceof CertificateNotYetValidException) {
            return "not yet valid (" + cause.getMessage() + ")";
        }
        return cause.getMessage();
    }
}
