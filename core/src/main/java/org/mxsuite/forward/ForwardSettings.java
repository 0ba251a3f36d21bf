package org.mxsuite.forward;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.Durations;

/**
 * The {@code forward.*} keys of mxsuite.properties: the domain of our SRS addresses (default: the delivery EHLO name),
 * the SRS secrets (comma separated, the first signs; none: one generated on first start and kept under var/), and
 * how long a bounce to an SRS address is accepted.
 */
public final class ForwardSettings {
    private final Optional<DomainName> srsDomain;
    private final List<String> srsSecrets;
    private final Duration srsMaxAge;

    public ForwardSettings(Optional<DomainName> srsDomain, List<String> srsSecrets, Duration srsMaxAge) {
        this.srsDomain = srsDomain;
        this.srsSecrets = List.copyOf(srsSecrets);
        this.srsMaxAge = srsMaxAge;
    }

    public static ForwardSettings from(Configuration configuration) {
        String domain = configuration.getString("forward.srsDomain", "");
        List<String> secrets = new ArrayList<>();
        for (String secret : configuration.getString("forward.srsSecrets", "").split(",")) {
            if (!secret.isBlank()) {
                secrets.add(secret.trim());
            }
        }
        return new ForwardSettings(domain.isBlank() ? Optional.empty() : Optional.of(DomainName.of(domain)), secrets,
            Durations.parseWithin("forward.srsMaxAge", configuration.getString("forward.srsMaxAge", "21d"), Duration.ofDays(1), Duration.ofDays(365)));
    }

    public Optional<DomainName> srsDomain() {
        return srsDomain;
    }

    public List<String> srsSecrets() {
        return srsSecrets;
    }

    public Duration srsMaxAge() {
        return srsMaxAge;
    }
}
