package org.mxsuite.greylist;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.config.SuiteProperties;

/** The {@code greylisting.*} keys of mxsuite.properties, with RFC 6647's usual values as defaults. */
public final class GreylistSettings {
    private final Duration delay;
    private final Duration retryWindow;
    private final Duration lifetime;
    private final int autoAllowAfter;
    private final int prefix4;
    private final int prefix6;
    private final Duration purgeInterval;
    private final Map<AllowList, Set<String>> allowed;

    public GreylistSettings(Duration delay, Duration retryWindow, Duration lifetime, int autoAllowAfter, int prefix4, int prefix6,
                            Duration purgeInterval, Map<AllowList, Set<String>> allowed) {
        if (retryWindow.compareTo(delay) <= 0) {
            throw new InvalidSettingException("greylisting.retryWindow (" + Durations.format(retryWindow)
                + ") must be longer than greylisting.delay (" + Durations.format(delay) + ")");
        }
        this.delay = delay;
        this.retryWindow = retryWindow;
        this.lifetime = lifetime;
        this.autoAllowAfter = autoAllowAfter;
        this.prefix4 = prefix4;
        this.prefix6 = prefix6;
        this.purgeInterval = purgeInterval;
        this.allowed = new EnumMap<>(AllowList.class);
        for (AllowList list : AllowList.values()) {
            this.allowed.put(list, Set.copyOf(allowed.getOrDefault(list, Set.of())));
        }
    }

    /** The shipped file's settings. */
    public static GreylistSettings defaults() {
        return from(SuiteProperties.defaults());
    }

    public static GreylistSettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        Map<AllowList, Set<String>> allowed = new EnumMap<>(AllowList.class);
        for (AllowList list : AllowList.values()) {
            Set<String> entries = new TreeSet<>();
            for (String entry : configuration.getString("greylisting.allow." + list.wireName()).split("[,\\s]+")) {
                if (!entry.isBlank()) {
                    entries.add(list.canonical(entry));
                }
            }
            allowed.put(list, entries);
        }
        return new GreylistSettings(
            duration(configuration, "greylisting.delay", Duration.ZERO, Duration.ofDays(1)),
            duration(configuration, "greylisting.retryWindow", Duration.ofMinutes(1), Duration.ofDays(30)),
            duration(configuration, "greylisting.lifetime", Duration.ofDays(1), Duration.ofDays(366)),
            within("greylisting.autoAllowAfter", configuration.getInt("greylisting.autoAllowAfter"), 0, 1000),
            within("greylisting.prefix4", configuration.getInt("greylisting.prefix4"), 8, 32),
            within("greylisting.prefix6", configuration.getInt("greylisting.prefix6"), 16, 128),
            duration(configuration, "greylisting.purgeInterval", Duration.ofSeconds(1), Duration.ofDays(1)),
            allowed);
    }

    private static Duration duration(Configuration configuration, String key, Duration min, Duration max) {
        return Durations.parseWithin(key, configuration.getString(key), min, max);
    }

    private static int within(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidSettingException(key + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** How long a new triplet waits before its retry is accepted. */
    public Duration delay() {
        return delay;
    }

    /** How long after its first sight a retry is still accepted; later, the triplet starts over. */
    public Duration retryWindow() {
        return retryWindow;
    }

    /** How long a passed triplet or an auto-allowed network is remembered after its last use. */
    public Duration lifetime() {
        return lifetime;
    }

    /** Passes after which a network skips greylisting (0: never). */
    public int autoAllowAfter() {
        return autoAllowAfter;
    }

    public int prefix4() {
        return prefix4;
    }

    public int prefix6() {
        return prefix6;
    }

    public Duration purgeInterval() {
        return purgeInterval;
    }

    /** Allow-list entries of mxsuite.properties (those of REST live in the store). */
    public Set<String> configured(AllowList list) {
        return allowed.get(list);
    }
}
