package org.mxsuite.deliver.tls.mtasts;

import java.util.Locale;
import java.util.Optional;

/** The {@code mode} of an MTA-STS policy (RFC 8461 section 3.2). */
public enum MtaStsMode {
    /** Only listed MX hosts, over TLS with a valid certificate; anything else holds the mail. */
    ENFORCE,
    /** Deliver as without a policy, and report what enforce would have refused. */
    TESTING,
    /** As if the domain had no policy (how a domain withdraws one). */
    NONE;

    static Optional<MtaStsMode> parse(String value) {
        for (MtaStsMode mode : values()) {
            if (mode.wireName().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
