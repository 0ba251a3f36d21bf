package org.mxsuite.deliver;

import java.time.Duration;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.Durations;

/**
 * How the delivery engine works, from {@code conf/mxsuite.properties} ({@code delivery.*}); the per-domain rules
 * (retry interval, retention, pause, TLS) are the hosted domain's settings.
 */
public final class DeliverySettings {
    private final Optional<String> heloName;
    private final int connectionsPerDomain;
    private final int workers;
    private final int batchSize;
    private final Duration lease;
    private final Duration tick;
    private final Duration probeMinInterval;
    private final Duration probeMaxInterval;
    private final Optional<Duration> delayWarning;
    private final Duration housekeepingInterval;

    public DeliverySettings(Optional<String> heloName, int connectionsPerDomain, int workers, int batchSize, Duration lease,
                            Duration tick, Duration probeMinInterval, Duration probeMaxInterval, Optional<Duration> delayWarning,
                            Duration housekeepingInterval) {
        this.heloName = heloName;
        this.connectionsPerDomain = connectionsPerDomain;
        this.workers = workers;
        this.batchSize = batchSize;
        this.lease = lease;
        this.tick = tick;
        this.probeMinInterval = probeMinInterval;
        this.probeMaxInterval = probeMaxInterval;
        this.delayWarning = delayWarning;
        this.housekeepingInterval = housekeepingInterval;
    }

    public static DeliverySettings defaults() {
        return new DeliverySettings(Optional.empty(), 8, 16, 50, Duration.ofMinutes(2), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(3), Optional.of(Duration.ofHours(4)), Duration.ofSeconds(30));
    }

    public static DeliverySettings from(Configuration configuration) {
        DeliverySettings defaults = defaults();
        String delayWarning = configuration.getString("delivery.delayWarning", "4h");
        return new DeliverySettings(
            Optional.ofNullable(configuration.getString("delivery.heloName", null)).filter(name -> !name.isBlank()),
            configuration.getInt("delivery.connectionsPerDomain", defaults.connectionsPerDomain),
            configuration.getInt("delivery.workers", defaults.workers),
            configuration.getInt("delivery.batchSize", defaults.batchSize),
            duration(configuration, "delivery.lease", defaults.lease),
            defaults.tick,
            duration(configuration, "delivery.probe.minInterval", defaults.probeMinInterval),
            duration(configuration, "delivery.probe.maxInterval", defaults.probeMaxInterval),
            "off".equals(delayWarning) ? Optional.empty() : Optional.of(Durations.parse("delivery.delayWarning", delayWarning)),
            duration(configuration, "delivery.housekeepingInterval", defaults.housekeepingInterval));
    }

    private static Duration duration(Configuration configuration, String key, Duration fallback) {
        String value = configuration.getString(key, null);
        return value == null || value.isBlank() ? fallback : Durations.parse(key, value);
    }

    public Optional<String> heloName() {
        return heloName;
    }

    public int connectionsPerDomain() {
        return connectionsPerDomain;
    }

    public int workers() {
        return workers;
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration lease() {
        return lease;
    }

    public Duration tick() {
        return tick;
    }

    public Duration probeMinInterval() {
        return probeMinInterval;
    }

    public Duration probeMaxInterval() {
        return probeMaxInterval;
    }

    public Optional<Duration> delayWarning() {
        return delayWarning;
    }

    /** How often retention and delay warnings are checked per domain. */
    public Duration housekeepingInterval() {
        return housekeepingInterval;
    }
}
