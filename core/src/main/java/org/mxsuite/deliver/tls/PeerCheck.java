package org.mxsuite.deliver.tls;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Decides whether a server's certificate chain (leaf first, as the server sent it) authenticates it: PKIX and name
 * ({@link PeerChecks#validFor}), a pinned fingerprint ({@link PeerChecks#pinned}), DANE TLSA records.
 */
public interface PeerCheck {
    /** Why the chain is not acceptable, or empty when it is. */
    Optional<String> problem(X509Certificate[] chain);

    /** What a passing check proved, for the probe's report: "certificate valid for mx.example.com (PKIX, JVM trust store)". */
    String describe();
}
