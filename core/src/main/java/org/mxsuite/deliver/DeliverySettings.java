package org.mxsuite.deliver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.deliver.tls.TrustAnchors;
import org.mxsuite.domain.Durations;
import org.mxsuite.config.SuiteProperties;

/**
 * How the delivery engine works, from {@code conf/mxsuite.properties} ({@code delivery.*}); the per-domain rules
 * (retry interval, retention, pause, TLS) are the hosted domain's settings.
 */
public final class DeliverySettings {
    /** How often the scheduler looks for due domains: not a setting. */
    private static final Duration TICK = Duration.ofMillis(500);

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
    private final Optional<Path> caFile;

    public DeliverySettings(Optional<String> heloName, int connectionsPerDomain, int workers, int batchSize, Duration lease,
                            Duration tick, Duration probeMinInterval, Duration probeMaxInterval, Optional<Duration> delayWarning,
                            Duration housekeepingInterval, Optional<Path> caFile) {
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
        this.caFile = caFile;
    }

    /** The shipped file's settings. */
    public static DeliverySettings defaults() {
        return from(SuiteProperties.defaults());
    }

    public static DeliverySettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        String delayWarning = configuration.getString("delivery.delayWarning");
        return new DeliverySettings(
            Optional.of(configuration.getString("delivery.heloName")).filter(name -> !name.isBlank()),
            configuration.getInt("delivery.connectionsPerDomain"),
            configuration.getInt("delivery.workers"),
            configuration.getInt("delivery.batchSize"),
            duration(configuration, "delivery.lease"),
            TICK,
            duration(configuration, "delivery.probe.minInterval"),
            duration(configuration, "delivery.probe.maxInterval"),
            "off".equals(delayWarning) ? Optional.empty() : Optional.of(Durations.parse("delivery.delayWarning", delayWarning)),
            duration(configuration, "delivery.housekeepingInterval"),
            Optional.of(configuration.getString("delivery.tls.caFile").trim()).filter(file -> !file.isEmpty()).map(Path::of));
    }

    private static Duration duration(Configuration configuration, String key) {
        return Durations.parse(key, SuiteProperties.orDefault(configuration, key));
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

    /**
     * The CAs a server's certificate may chain to where it must be authenticated (the {@code verify} level, MTA-STS):
     * the JVM's trust store plus {@code delivery.tls.caFile} when set. Read at start: a file that cannot be read stops
     * the server there rather than holding mail later.
     */
    public TrustAnchors trustAnchors() {
        return TrustAnchors.jvmDefault(caFile);
    }

    /** How often retention and delay warnings are checked per domain. */
    public Duration housekeepingInterval() {
        return housekeepingInterval;
    }
}
