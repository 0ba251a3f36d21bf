package org.mxsuite.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Whether delivery to the customer's server uses STARTTLS. */
public enum TlsPolicy {
    /** STARTTLS when the server offers it, plain text otherwise. */
    OPPORTUNISTIC,
    /** Never deliver without STARTTLS: mail is held when the server does not offer it. */
    REQUIRED,
    /** Never try STARTTLS (servers with broken TLS). */
    OFF;

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
