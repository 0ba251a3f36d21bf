package org.mxsuite.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How delivery to the domain's servers uses STARTTLS. {@code opportunistic} and {@code required} encrypt without
 * authenticating the server (anyone who can redirect the connection can present a certificate); {@code verify} and
 * {@code fingerprint} authenticate it, so that mail goes only to the server meant.
 */
public enum TlsPolicy {
    /** STARTTLS when the server offers it, plain text otherwise; any certificate. */
    OPPORTUNISTIC,
    /** Never deliver without STARTTLS: mail is held when the server does not offer it; any certificate. */
    REQUIRED,
    /** Never try STARTTLS (servers with broken TLS). */
    OFF,
    /** TLS with a certificate that chains to a trusted CA and is valid for the server's name (or {@code tlsName}). */
    VERIFY,
    /** TLS with a certificate whose SHA-256 fingerprint is one of {@code tlsFingerprints}. */
    FINGERPRINT;

    /** Whether the server is authenticated, not only the connection encrypted. */
    public boolean authenticates() {
        return this == VERIFY || this == FINGERPRINT;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TlsPolicy parse(String raw) {
        return Arrays.stream(values())
            .filter(policy -> policy.wireName().equals(raw))
            .findFirst()
            .orElseThrow(() -> new InvalidSettingException("unknown tls policy '" + raw + "'; expected one of "
                + Arrays.stream(values()).map(TlsPolicy::wireName).collect(Collectors.joining(", "))));
    }
}
