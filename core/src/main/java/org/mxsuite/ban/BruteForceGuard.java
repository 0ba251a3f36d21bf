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
 * successful login does not count at all. Each failure counts against the client's address, its IPv6 /64 and the user
 * name it tried, so that neither a client that walks through the addresses of its /64 nor many clients that share the
 * guesses at one account get unlimited tries.
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
        final Map<BanSubject, Ban> bySubject;
        final Instant readAt;

        BansInForce(Map<BanSubject, Ban> bySubject, Instant readAt) {
            this.bySubject = bySubject;
            this.readAt = readAt;
        }
    }

    public BruteForceGuard(BanStore store, BanSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The ban in force against this client, its own or its /64's, if any; exempt networks are never banned. When the
     * state store cannot be read, none: an outage of the suite's database must not lock every user out of their mail
     * (it is logged).
     */
    public Optional<Ban> banOf(ClientAddress address) {
        if (settings.isExempt(address)) {
            return Optional.empty();
        }
        Optional<Ban> own = inForce(BanSubject.address(address));
        return own.isPresent() ? own : BanSubject.networkOf(address).flatMap(this::inForce);
    }

    /**
     * Whether logins as {@code userName} are suspended, for this client (never for an exempt one): asked before the
     * credentials are checked, so that guesses spread over many addresses stop once the name had too many failures.
     */
    public Optional<Ban> suspensionOf(String userName, ClientAddress client) {
        if (settings.isExempt(client) || userName == null || userName.isBlank()) {
            return Optional.empty();
        }
        return inForce(BanSubject.user(userName));
    }

    private Optional<Ban> inForce(BanSubject subject) {
        Instant now = clock.instant();
        return Optional.ofNullable(bansInForce(now).bySubject.get(subject)).filter(ban -> ban.isActiveAt(now));
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
            Map<BanSubject, Ban> read;
            try {
                read = store.activeBans(now).stream().collect(Collectors.toMap(Ban::subject, Function.identity(), (a, b) -> b));
            } catch (StateStoreException e) {
                LOGGER.warn("Cannot read the bans in force; letting clients through until it can", e);
                read = current == null ? Map.of() : current.bySubject;
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
     * A credential check of this client failed, for {@code userName} (null when the client gave none); bans the
     * address, its /64 or the user name when that makes more failures than allowed for it. When the state store
     * cannot be written the failure is lost (and logged): the login itself has failed either way.
     */
    public void loginFailed(ClientAddress address, Protocol protocol, String userName) {
        if (settings.isExempt(address)) {
            return;
        }
        List<BanSubject> subjects = new java.util.ArrayList<>();
        subjects.add(BanSubject.address(address));
        BanSubject.networkOf(address).ifPresent(subjects::add);
        if (userName != null && !userName.isBlank()) {
            subjects.add(BanSubject.user(userName));
        }
        for (BanSubject subject : subjects) {
            try {
                countFailure(subject, protocol);
            } catch (StateStoreException e) {
                LOGGER.warn("Cannot count a failed {} login of {} against {}", protocol, address, subject, e);
            }
        }
    }

    private void countFailure(BanSubject subject, Protocol protocol) {
        Instant now = clock.instant();
        int failures = store.recordFailure(subject, protocol, now, now.minus(settings.window()));
        if (failures > settings.maxFailures(subject.kind())) {
            String reason = failures + " failed logins" + (subject.kind() == BanSubject.Kind.USER ? " as this user" : "")
                + " within " + Durations.format(settings.window()) + " (last over " + protocol.name() + ")";
            store.ban(new Ban(subject, reason, failures, now, now.plus(settings.duration())));
            forgetBansRead();
            // a rare event: a good time to drop what no longer counts anywhere
            store.purge(now, now.minus(settings.window()));
            LOGGER.warn("Banned {} for {}: {}", subject, Durations.format(settings.duration()), reason);
        }
    }

    /** Bans an address by hand (WebAdmin), for {@code duration} or the configured ban duration. */
    public Ban ban(ClientAddress address, String reason, Optional<Duration> duration) {
        Instant now = clock.instant();
        Ban ban = new Ban(BanSubject.address(address), reason, 0, now, now.plus(duration.orElse(settings.duration())));
        store.ban(ban);
        forgetBansRead();
        LOGGER.info("Banned {} by hand until {}: {}", address, ban.expiresAt(), reason);
        return ban;
    }

    /** Lifts the address's ban and its /64's; false when neither had one. */
    public boolean lift(ClientAddress address) {
        boolean lifted = lift(BanSubject.address(address));
        Optional<BanSubject> network = BanSubject.networkOf(address);
        return (network.isPresent() && lift(network.get())) || lifted;
    }

    /** Lets logins as {@code userName} in again; false when they were not suspended. */
    public boolean liftUser(String userName) {
        return lift(BanSubject.user(userName));
    }

    /** The suspension of logins as {@code userName}, whatever the client. */
    public Optional<Ban> suspensionOf(String userName) {
        return inForce(BanSubject.user(userName));
    }

    /** Lifts the ban of exactly this address, network or user name, as listed by {@link #activeBans()}; false when it had none. */
    public boolean lift(BanSubject subject) {
        boolean lifted = store.lift(subject, clock.instant());
        forgetBansRead();
        if (lifted) {
            LOGGER.info("Ban of {} lifted", subject);
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
