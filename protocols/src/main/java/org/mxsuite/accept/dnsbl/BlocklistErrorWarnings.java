package org.mxsuite.accept.dnsbl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.dnsbl.BlocklistSettings;
import org.mxsuite.dnsbl.BlocklistVerdict;
import org.mxsuite.config.SuiteProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A zone that answers with error codes (Spamhaus's 127.255.255.254 for queries through a public resolver,
 * 127.255.255.255 for an exceeded limit, ...) does so for every client: the log says it once per zone and period,
 * not once per message.
 */
@Singleton
public final class BlocklistErrorWarnings {
    private static final Logger LOGGER = LoggerFactory.getLogger(BlocklistErrorWarnings.class);

    private final Duration interval;
    private final Clock clock;
    private final Map<String, Instant> lastWarned = new ConcurrentHashMap<>();

    @Inject
    public BlocklistErrorWarnings(PropertiesProvider properties) throws ConfigurationException {
        this(BlocklistSettings.from(SuiteProperties.read(properties)).warningInterval(), Clock.systemUTC());
    }

    public BlocklistErrorWarnings(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    /** Logs the error answer unless this zone's was logged within the period; says whether it logged. */
    public boolean warn(BlocklistVerdict.ErrorCode error) {
        Instant now = clock.instant();
        boolean[] due = {false};
        lastWarned.compute(error.zone(), (zone, last) -> {
            due[0] = last == null || !now.isBefore(last.plus(interval));
            return due[0] ? now : last;
        });
        if (due[0]) {
            LOGGER.warn("Blocklist {} answered {}, which is an error code, not a listing: it is ignored (is the query going "
                + "through a public or shared DNS resolver, or over the list's limit?). Said once per {}.",
                error.zone(), error.answer(), org.mxsuite.domain.Durations.format(interval));
        }
        return due[0];
    }
}
