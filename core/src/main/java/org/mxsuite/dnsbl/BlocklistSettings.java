package org.mxsuite.dnsbl;

import java.time.Duration;
import java.util.List;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.config.SuiteProperties;

/**
 * The {@code dnsbl.*} and {@code rhsbl.*} keys of {@code mxsuite.properties}: the client blocklists and the
 * sender-domain blocklists, each with the score that blocks, one time limit for all the zones of a check, and how
 * often a zone's error answers are reported in the log.
 */
public final class BlocklistSettings {
    private final List<BlocklistSite> clientSites;
    private final int clientThreshold;
    private final List<BlocklistSite> domainSites;
    private final int domainThreshold;
    private final Duration timeout;
    private final Duration warningInterval;

    public BlocklistSettings(List<BlocklistSite> clientSites, int clientThreshold, List<BlocklistSite> domainSites,
                             int domainThreshold, Duration timeout, Duration warningInterval) {
        this.clientSites = List.copyOf(clientSites);
        this.clientThreshold = clientThreshold;
        this.domainSites = List.copyOf(domainSites);
        this.domainThreshold = domainThreshold;
        this.timeout = timeout;
        this.warningInterval = warningInterval;
    }

    public static BlocklistSettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        return new BlocklistSettings(
            BlocklistSites.parse(all(configuration, "dnsbl.sites")),
            threshold("dnsbl.threshold", configuration.getString("dnsbl.threshold")),
            BlocklistSites.parse(all(configuration, "rhsbl.sites")),
            threshold("rhsbl.threshold", configuration.getString("rhsbl.threshold")),
            Durations.parseWithin("dnsbl.timeout", configuration.getString("dnsbl.timeout"), Duration.ofMillis(100), Duration.ofSeconds(60)),
            Durations.parseWithin("dnsbl.warningInterval", configuration.getString("dnsbl.warningInterval"), Duration.ZERO, Duration.ofDays(1)));
    }

    /** James reads mxsuite.properties with ',' as list separator: a list of sites arrives as several values. */
    private static String all(Configuration configuration, String key) {
        return String.join(",", configuration.getStringArray(key));
    }

    private static int threshold(String key, String value) {
        if (!value.trim().matches("[0-9]{1,6}") || Integer.parseInt(value.trim()) < 1) {
            throw new InvalidSettingException(key + " '" + value + "' must be a whole number of at least 1");
        }
        return Integer.parseInt(value.trim());
    }

    public List<BlocklistSite> clientSites() {
        return clientSites;
    }

    public int clientThreshold() {
        return clientThreshold;
    }

    public List<BlocklistSite> domainSites() {
        return domainSites;
    }

    public int domainThreshold() {
        return domainThreshold;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration warningInterval() {
        return warningInterval;
    }
}
