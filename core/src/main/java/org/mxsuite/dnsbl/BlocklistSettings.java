package org.mxsuite.dnsbl;

import java.time.Duration;
import java.util.List;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;

/**
 * The {@code dnsbl.*} and {@code rhsbl.*} keys of {@code mxsuite.properties}: the client blocklists and the
 * sender-domain blocklists, each with the score that blocks, one time limit for all the zones of a check, and how
 * often a zone's error answers are reported in the log.
 */
public final class BlocklistSettings {
    public static final String DEFAULT_SITES = "zen.spamhaus.org=127.0.0.[2..11]*3";
    public static final String DEFAULT_RHSBL_SITES = "dbl.spamhaus.org=127.0.1.[2..99]*3";

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

    public static BlocklistSettings from(Configuration configuration) {
        return new BlocklistSettings(
            BlocklistSites.parse(all(configuration, "dnsbl.sites", DEFAULT_SITES)),
            threshold("dnsbl.threshold", configuration.getString("dnsbl.threshold", "3")),
            BlocklistSites.parse(all(configuration, "rhsbl.sites", DEFAULT_RHSBL_SITES)),
            threshold("rhsbl.threshold", configuration.getString("rhsbl.threshold", "3")),
            Durations.parseWithin("dnsbl.timeout", configuration.getString("dnsbl.timeout", "2s"), Duration.ofMillis(100), Duration.ofSeconds(60)),
            Durations.parseWithin("dnsbl.warningInterval", configuration.getString("dnsbl.warningInterval", "10m"), Duration.ZERO, Duration.ofDays(1)));
    }

    /** James reads mxsuite.properties with ',' as list separator: a list of sites arrives as several values. */
    private static String all(Configuration configuration, String key, String defaultValue) {
        return configuration.containsKey(key) ? String.join(",", configuration.getStringArray(key)) : defaultValue;
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
