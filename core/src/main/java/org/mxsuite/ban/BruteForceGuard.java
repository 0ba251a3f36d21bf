package org.mxsuite.ban;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mxsuite.domain.Durations;
import org.mxsuite.state.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides about bans, called by the SMTP, IMAP and POP3 handlers and the {@code /bans} routes.
 * Only failed credential checks count: a client that never reaches authentication cannot get anyone banned, and a
 * successful login does not count at all.
 */
public class BruteForceGuard {
    private static final Logger LOGGER = LoggerFactory.getLogger(BruteForceGuard.class);

    private final BanStore store;
    private final BanSettings settings;
    private final Clock clock;

    public BruteForceGuard(BanStore store, BanSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The ban in force against this client, if any; exempt networks are never banned. When the state store cannot
     * be read, none: an outage of the suite's database must not lock every user out of their mail (it is logged).
     */
    public Optional<Ban> banOf(ClientAddress address) {
        if (settings.isExempt(address)) {
            return Optional.empty();
        }
        try {
            return store.activeBan(address, clock.instant());
        } catch (StateStoreException e) {
            LOGGER.warn("Cannot check whether {} is banned; letting it through", address, e);
            return Optional.empty();
        }
    }

    /**
     * A credential check of this client failed; bans it when that makes more failures than allowed. When the state
     * store cannot be written the failure is lost (and logged): the login itself has failed either way.
     */
    public void loginFailed(ClientAddress address, Protocol protocol) {
        if (settings.isExempt(address)) {
            return;
        }
        try {
            countFailure(address, protocol);
        } catch (StateStoreException e) {
            LOGGER.warn("Cannot count a failed {} login of {}", protocol, address, e);
        }
    }

    private void countFailure(ClientAddress address, Protocol protocol) {
        Instant now = clock.instant();
        int failures = store.recordFailure(address, protocol, now, now.minus(settings.window()));
        if (failures > settings.maxFailures()) {
            String reason = failures + " failed logins within " + Durations.format(settings.window()) + " (last over " + protocol.name() + ")";
            store.ban(new Ban(address, reason, failures, now, now.plus(settings.duration())));
            // a rare event: a good time to drop what no longer counts anywhere
            store.purge(now, now.minus(settings.window()));
            LOGGER.warn("Banned {} for {}: {}", address, Durations.format(settings.duration()), reason);
        }
    }

    /** Bans by hand (WebAdmin), for {@code duration} or the configured ban duration. */
    public Ban ban(ClientAddress address, String reason, Optional<Duration> duration) {
        Instant now = clock.instant();
        Ban ban = new Ban(address, reason, 0, now, now.plus(duration.orElse(settings.duration())));
        store.ban(ban);
        LOGGER.info("Banned {} by hand until {}: {}", address, ban.expiresAt(), reason);
        return ban;
    }

    public boolean lift(ClientAddress address) {
        boolean lifted = store.lift(address, clock.instant());
        if (lifted) {
            LOGGER.info("Ban of {} lifted", address);
        }
        return lifted;
    }

    public List<Ban> activeBans() {
        return store.activeBans(clock.instant());
    }

    /** Forgets expired bans and failures outside the window. */
    public void purge() {
        Instant now = clock.instant();
        store.purge(now, now.minus(settings.window()));
    }

    public BanSettings settings() {
        return settings;
    }
}
