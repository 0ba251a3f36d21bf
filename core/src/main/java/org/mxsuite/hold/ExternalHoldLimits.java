package org.mxsuite.hold;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.domain.ByteSizes;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.config.SuiteProperties;

/**
 * How much mail may wait for domains this server does not host (forward targets, bounces returned to SRS senders,
 * the outbound relay's recipients), which have no quota of their own: in all, and per destination domain
 * ({@code hold.external.*} of {@code mxsuite.properties}). Without them, one big provider that defers our mail for a
 * few days would fill the disk.
 */
@Singleton
public final class ExternalHoldLimits {
    private final QueueUsage total;
    private final QueueUsage perDomain;

    public ExternalHoldLimits(QueueUsage total, QueueUsage perDomain) {
        this.total = total;
        this.perDomain = perDomain;
    }

    @Inject
    public ExternalHoldLimits(PropertiesProvider properties) throws ConfigurationException {
        this(SuiteProperties.read(properties));
    }

    ExternalHoldLimits(Configuration configuration) {
        this(new QueueUsage(count(configuration, "hold.external.maxMessages"), bytes(configuration, "hold.external.maxBytes")),
            new QueueUsage(count(configuration, "hold.external.perDomain.maxMessages"),
                bytes(configuration, "hold.external.perDomain.maxBytes")));
    }

    private static long count(Configuration configuration, String key) {
        long value = configuration.getLong(key);
        if (value < 1) {
            throw new InvalidSettingException(key + " must be at least 1, not " + value);
        }
        return value;
    }

    private static long bytes(Configuration configuration, String key) {
        long value = ByteSizes.parse(key, configuration.getString(key));
        if (value < 1) {
            throw new InvalidSettingException(key + " must be at least 1 byte");
        }
        return value;
    }

    /** The most held for all external domains together. */
    public QueueUsage total() {
        return total;
    }

    /** The most held for one external domain. */
    public QueueUsage perDomain() {
        return perDomain;
    }
}
