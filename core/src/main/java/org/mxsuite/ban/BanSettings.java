package org.mxsuite.ban;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;

/**
 * When failed logins ban an address, from {@code conf/mxsuite.properties} ({@code ban.*}): more than
 * {@code ban.maxFailures} failures within {@code ban.window} ban it for {@code ban.duration}; addresses in
 * {@code ban.exempt} are never counted nor banned.
 */
public final class BanSettings {
    private final int maxFailures;
    private final Duration window;
    private final Duration duration;
    private final List<Cidr> exempt;

    public BanSettings(int maxFailures, Duration window, Duration duration, List<Cidr> exempt) {
        if (maxFailures < 1) {
            throw new InvalidSettingException("ban.maxFailures must be at least 1, not " + maxFailures);
        }
        if (window.isZero() || window.isNegative() || duration.isZero() || duration.isNegative()) {
            throw new InvalidSettingException("ban.window and ban.duration must be positive");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.duration = duration;
        this.exempt = List.copyOf(exempt);
    }

    public static BanSettings defaults() {
        return new BanSettings(10, Duration.ofHours(1), Duration.ofHours(1), List.of());
    }

    public static BanSettings from(Configuration configuration) {
        BanSettings defaults = defaults();
        List<Cidr> exempt = new ArrayList<>();
        // joined first: whether the properties reader split the list on commas or not
        for (String network : String.join(",", configuration.getStringArray("ban.exempt")).split("[,\\s]+")) {
            if (!network.isBlank()) {
                exempt.add(Cidr.parse(network));
            }
        }
        return new BanSettings(
            configuration.getInt("ban.maxFailures", defaults.maxFailures),
            duration(configuration, "ban.window", defaults.window),
            duration(configuration, "ban.duration", defaults.duration),
            exempt);
    }

    private static Duration duration(Configuration configuration, String key, Duration fallback) {
        String value = configuration.getString(key, null);
        return value == null || value.isBlank() ? fallback : Durations.parse(key, value);
    }

    /** The most failures an address may have within the window; one more bans it. */
    public int maxFailures() {
        return maxFailures;
    }

    public Duration window() {
        return window;
    }

    public Duration duration() {
        return duration;
    }

    public boolean isExempt(ClientAddress address) {
        return exempt.stream().anyMatch(network -> network.contains(address.inetAddress()));
    }

    public List<Cidr> exempt() {
        return exempt;
    }
}
