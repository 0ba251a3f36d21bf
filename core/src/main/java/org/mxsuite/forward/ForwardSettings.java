package org.mxsuite.forward;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.config.SuiteProperties;

/**
 * The {@code forward.*} keys of mxsuite.properties: the domain of our SRS addresses (default: the delivery EHLO name),
 * the SRS secrets (comma separated, the first signs; none: one generated on first start and kept under var/), how
 * long a bounce to an SRS address is accepted, and how many bounces to SRS addresses one client may send per window
 * ({@link SrsRcptLimit}).
 */
public final class ForwardSettings {
    private final Optional<DomainName> srsDomain;
    private final List<String> srsSecrets;
    private final Duration srsMaxAge;
    private final int srsRcptLimit;
    private final int srsRefusalLimit;
    private final Duration srsRcptWindow;

    public ForwardSettings(Optional<DomainName> srsDomain, List<String> srsSecrets, Duration srsMaxAge,
                           int srsRcptLimit, int srsRefusalLimit, Duration srsRcptWindow) {
        this.srsDomain = srsDomain;
        this.srsSecrets = List.copyOf(srsSecrets);
        this.srsMaxAge = srsMaxAge;
        this.srsRcptLimit = srsRcptLimit;
        this.srsRefusalLimit = srsRefusalLimit;
        this.srsRcptWindow = srsRcptWindow;
    }

    public static ForwardSettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        String domain = configuration.getString("forward.srsDomain");
        List<String> secrets = new ArrayList<>();
        // joined first: James reads the file with ',' as list separator, and getString would give the first secret only
        for (String secret : String.join(",", configuration.getStringArray("forward.srsSecrets")).split(",")) {
            if (!secret.isBlank()) {
                secrets.add(secret.trim());
            }
        }
        return new ForwardSettings(domain.isBlank() ? Optional.empty() : Optional.of(DomainName.of(domain)), secrets,
            Durations.parseWithin("forward.srsMaxAge", configuration.getString("forward.srsMaxAge"), Duration.ofDays(1), Duration.ofDays(365)),
            positive(configuration, "forward.srsRcptLimit"),
            positive(configuration, "forward.srsRefusalLimit"),
            Durations.parseWithin("forward.srsRcptWindow", configuration.getString("forward.srsRcptWindow"),
                Duration.ofMinutes(1), Duration.ofDays(1)));
    }

    private static int positive(Configuration configuration, String key) {
        String raw = configuration.getString(key).trim();
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(key + " '" + raw + "' must be a whole number of 1 or more");
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

    public int srsRcptLimit() {
        return srsRcptLimit;
    }

    public int srsRefusalLimit() {
        return srsRefusalLimit;
    }

    public Duration srsRcptWindow() {
        return srsRcptWindow;
    }
}
