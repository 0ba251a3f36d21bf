package org.mxsuite.ban;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.config.SuiteProperties;

/**
 * When failed logins ban, from {@code conf/mxsuite.properties} ({@code ban.*}): more than {@code ban.maxFailures}
 * failures of one address within {@code ban.window} ban it for {@code ban.duration}; more than
 * {@code ban.maxFailuresPerNetwork} of one IPv6 /64 ban that /64; more than {@code ban.maxFailuresPerUser} for one user
 * name, from anywhere, suspend logins as that name. Addresses in {@code ban.exempt} are never counted nor banned, and
 * logins from them are never suspended.
 */
public final class BanSettings {
    private final int maxFailures;
    private final int maxFailuresPerNetwork;
    private final int maxFailuresPerUser;
    private final Duration window;
    private final Duration duration;
    private final List<Cidr> exempt;

    public BanSettings(int maxFailures, Duration window, Duration duration, List<Cidr> exempt) {
        this(maxFailures, 2 * maxFailures, 2 * maxFailures, window, duration, exempt);
    }

    public BanSettings(int maxFailures, int maxFailuresPerNetwork, int maxFailuresPerUser, Duration window, Duration duration,
                       List<Cidr> exempt) {
        if (maxFailures < 1 || maxFailuresPerNetwork < 1 || maxFailuresPerUser < 1) {
            throw new InvalidSettingException("ban.maxFailures, ban.maxFailuresPerNetwork and ban.maxFailuresPerUser must be at least 1");
        }
        if (window.isZero() || window.isNegative() || duration.isZero() || duration.isNegative()) {
            throw new InvalidSettingException("ban.window and ban.duration must be positive");
        }
        this.maxFailures = maxFailures;
        this.maxFailuresPerNetwork = maxFailuresPerNetwork;
        this.maxFailuresPerUser = maxFailuresPerUser;
        this.window = window;
        this.duration = duration;
        this.exempt = List.copyOf(exempt);
    }

    /** The shipped file's settings. */
    public static BanSettings defaults() {
        return from(SuiteProperties.defaults());
    }

    public static BanSettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        List<Cidr> exempt = new ArrayList<>();
        // joined first: whether the properties reader split the list on commas or not
        for (String network : String.join(",", configuration.getStringArray("ban.exempt")).split("[,\\s]+")) {
            if (!network.isBlank()) {
                exempt.add(Cidr.parse(network));
            }
        }
        return new BanSettings(configuration.getInt("ban.maxFailures"),
            configuration.getInt("ban.maxFailuresPerNetwork"),
            configuration.getInt("ban.maxFailuresPerUser"),
            duration(configuration, "ban.window"),
            duration(configuration, "ban.duration"),
            exempt);
    }

    private static Duration duration(Configuration configuration, String key) {
        return Durations.parse(key, SuiteProperties.orDefault(configuration, key));
    }

    /** The most failures an address may have within the window; one more bans it. */
    public int maxFailures() {
        return maxFailures;
    }

    /** The most failures of a subject within the window; one more bans it. */
    public int maxFailures(BanSubject.Kind kind) {
        switch (kind) {
            case NETWORK:
                return maxFailuresPerNetwork;
            case USER:
                return maxFailuresPerUser;
            case ADDRESS:
            default:
                return maxFailures;
        }
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
