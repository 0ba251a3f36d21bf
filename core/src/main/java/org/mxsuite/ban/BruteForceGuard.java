package org.mxsuite.ban;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

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
    /** How old the bans a connection is checked against may be: what another node sharing the store bans or lifts. */
    static final Duration FRESHNESS = Duration.ofSeconds(1);

    private final BanStore store;
    private final BanSettings settings;
    private final Clock clock;
    // every connection of every protocol is checked: against the bans in force read at most once a second (a handful
    // of rows), not with a query each; this node's own bans and lifts replace it at once
    private volatile BansInForce bans;

    private static final class BansInForce {
        final Map<ClientAddress, Ban> byAddress;
        final Instant readAt;

        BansInForce(Map<ClientAddress, Ban> byAddress, Instant readAt) {
            this.byAddress = byAddress;
            this.readAt = readAt;
        }
    }

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
        Instant now = clock.instant();
        return Optional.ofNullable(bansInForce(now).byAddress.get(address)).filter(ban -> ban.isActiveAt(now));
    }

    private BansInForce bansInForce(Instant now) {
        BansInForce current = bans;
        if (current != null && now.isBefore(current.readAt.plus(FRESHNESS)) && !now.isBefore(current.readAt)) {
            return current;
        }
        synchronized (this) {
            // one reader at a time: the others of the moment use what it read
            BansInForce latest = bans;
            if (latest != null && latest != current) {
                return latest;
            }
            Map<ClientAddress, Ban> read;
            try {
                read = store.activeBans(now).stream().collect(Collectors.toMap(Ban::address, Function.identity(), (a, b) -> b));
            } catch (StateStoreException e) {
                LOGGER.warn("Cannot read the bans in force; letting clients through until it can", e);
                read = current == null ? Map.of() : current.byAddress;
            }
            bans = new BansInForce(read, now);
            return bans;
        }
    }

    /** This node changed a ban: the next check reads them again. */
    private synchronized void forgetBansRead() {
        bans = null;
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
            forgetBansRead();
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
        forgetBansRead();
        LOGGER.info("Banned {} by hand until {}: {}", address, ban.expiresAt(), reason);
        return ban;
    }

    public boolean lift(ClientAddress address) {
        boolean lifted = store.lift(address, clock.instant());
        forgetBansRead();
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
