package org.mxsuite.deliver.tls.mtasts;

import java.time.Duration;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.config.SuiteProperties;
import org.mxsuite.domain.Durations;

/** The {@code delivery.mtaSts.*} settings of mxsuite.properties. */
public final class MtaStsSettings {
    private final boolean enabled;
    private final Duration fetchTimeout;
    private final Duration txtCacheTime;

    public MtaStsSettings(boolean enabled, Duration fetchTimeout, Duration txtCacheTime) {
        this.enabled = enabled;
        this.fetchTimeout = fetchTimeout;
        this.txtCacheTime = txtCacheTime;
    }

    public static MtaStsSettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        return new MtaStsSettings(
            configuration.getBoolean("delivery.mtaSts.enabled"),
            Durations.parse("delivery.mtaSts.fetchTimeout", SuiteProperties.orDefault(configuration, "delivery.mtaSts.fetchTimeout")),
            Durations.parse("delivery.mtaSts.txtCacheTime", SuiteProperties.orDefault(configuration, "delivery.mtaSts.txtCacheTime")));
    }

    /** Whether MTA-STS policies are looked for at all (off: mail by MX lookup follows the domain's tls setting alone). */
    public boolean enabled() {
        return enabled;
    }

    /** The time limit of one policy fetch: addresses, connection, TLS, answer. */
    public Duration fetchTimeout() {
        return fetchTimeout;
    }

    /** How long a node uses a domain's {@code _mta-sts} TXT answer before it looks it up again. */
    public Duration txtCacheTime() {
        return txtCacheTime;
    }
}
