package org.mxsuite.dkim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.mxsuite.domain.DomainName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of each domain's keys: created pending, active once DNS serves their record (or the administrator says
 * so), retired by the next rotation's key becoming active. Signing asks {@link #signingKeys}, which sees changes made
 * on other nodes within {@link #CACHE_TIME}.
 */
public final class DkimKeys {
    private static final Logger LOGGER = LoggerFactory.getLogger(DkimKeys.class);
    /** How long a retired selector's record should stay published: mail signed with it may wait that long to be read. */
    public static final Duration GRACE_PERIOD = Duration.ofDays(30);
    /** How long a node signs with the keys it read; also how often it asks DNS about a pending key. */
    static final Duration CACHE_TIME = Duration.ofSeconds(60);
    private static final int MAX_CACHED_DOMAINS = 10_000;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    /** Whether DNS serves a key's record now. */
    public enum Publication {
        SERVED, NOT_SERVED, UNKNOWN
    }

    /** Asks DNS whether it serves a key's record. */
    @FunctionalInterface
    public interface RecordCheck {
        Publication of(DkimKey key);
    }

    private final DkimKeyStore store;
    private final DkimKeyGenerator generator;
    private final RecordCheck dns;
    private final Clock clock;
    private final Map<DomainName, Cached> cache = new ConcurrentHashMap<>();

    public DkimKeys(DkimKeyStore store, DkimKeyGenerator generator, RecordCheck dns, Clock clock) {
        this.store = store;
        this.generator = generator;
        this.dns = dns;
        this.clock = clock;
    }

    public List<DkimKey> keys(DomainName domain) {
        return store.keys(domain);
    }

    public Publication publication(DkimKey key) {
        return dns.of(key);
    }

    /** The domain's first keys, pending; refused while it has keys that are not retired (rotate them instead). */
    public List<DkimKey> create(DomainName domain, Set<DkimAlgorithm> algorithms) {
        List<DkimKey> current = inUse(store.keys(domain));
        if (!current.isEmpty()) {
            throw new IllegalStateException(domain + " has DKIM keys already (" + current + "): rotate them, or delete them first");
        }
        return added(domain, algorithms);
    }

    /**
     * A new pending key for each algorithm the domain signs with; each replaces the active key of its algorithm when
     * it becomes active. Refused while a rotation is pending, or when there is nothing to rotate.
     */
    public List<DkimKey> rotate(DomainName domain) {
        List<DkimKey> current = inUse(store.keys(domain));
        Optional<DkimKey> pending = current.stream().filter(key -> key.state() == DkimKey.State.PENDING).findFirst();
        if (pending.isPresent()) {
            throw new IllegalStateException("key " + pending.get().selector() + " of " + domain
                + " is pending: activate it (or delete it) before rotating again");
        }
        if (current.isEmpty()) {
            throw new IllegalStateException(domain + " has no key to rotate: create one");
        }
        return added(domain, current.stream().map(DkimKey::algorithm).collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(DkimAlgorithm.class))));
    }

    private List<DkimKey> added(DomainName domain, Set<DkimAlgorithm> algorithms) {
        Instant now = clock.instant();
        List<DkimKey> added = new ArrayList<>();
        for (DkimAlgorithm algorithm : algorithms) {
            DkimKey key;
            int attempt = 1;
            do {
                String selector = (algorithm == DkimAlgorithm.RSA ? "rsa" : "ed") + DAY.format(now) + (attempt == 1 ? "" : "-" + attempt);
                key = generator.generate(domain, selector, algorithm, now);
                attempt++;
            } while (!store.add(key));
            LOGGER.info("DKIM key {} created, pending until DNS serves its record", key);
            added.add(key);
        }
        cache.remove(domain);
        return added;
    }

    /**
     * Makes the key active: mail of its domain is signed with it; the active key of its algorithm, if any, is retired.
     * Empty when the domain has no such selector.
     */
    public Optional<DkimKey> activate(DomainName domain, String selector) {
        List<DkimKey> keys = store.keys(domain);
        Optional<DkimKey> key = keys.stream().filter(candidate -> candidate.selector().equals(selector)).findFirst();
        if (key.isEmpty()) {
            return key;
        }
        Instant now = clock.instant();
        store.setState(domain, selector, DkimKey.State.ACTIVE, now);
        for (DkimKey other : keys) {
            if (other.algorithm() == key.get().algorithm() && other.state() == DkimKey.State.ACTIVE && !other.selector().equals(selector)) {
                store.setState(domain, other.selector(), DkimKey.State.RETIRED, now);
                LOGGER.info("DKIM key {} retired: keep its record published until {}", other, now.plus(GRACE_PERIOD));
            }
        }
        cache.remove(domain);
        LOGGER.info("DKIM key {} active: mail of {} is signed with it", key.get(), domain);
        return Optional.of(key.get().withState(DkimKey.State.ACTIVE, now));
    }

    public boolean delete(DomainName domain, String selector) {
        boolean deleted = store.delete(domain, selector);
        cache.remove(domain);
        if (deleted) {
            LOGGER.info("DKIM key {}._domainkey.{} deleted", selector, domain);
        }
        return deleted;
    }

    /** The domain's keys after activating the pending ones whose record DNS serves now. */
    public List<DkimKey> withServedActivated(DomainName domain) {
        List<DkimKey> keys = store.keys(domain);
        boolean changed = false;
        for (DkimKey key : keys) {
            if (key.state() == DkimKey.State.PENDING && dns.of(key) == Publication.SERVED) {
                activate(domain, key.selector());
                changed = true;
            }
        }
        return changed ? store.keys(domain) : keys;
    }

    /** The keys to sign the domain's mail with: its newest active key of each algorithm (none: mail goes unsigned). */
    public List<DkimKey> signingKeys(DomainName domain) {
        Instant now = clock.instant();
        Cached cached = cache.get(domain);
        if (cached != null && now.isBefore(cached.until)) {
            return cached.keys;
        }
        Map<DkimAlgorithm, DkimKey> newest = new EnumMap<>(DkimAlgorithm.class);
        withServedActivated(domain).stream().filter(key -> key.state() == DkimKey.State.ACTIVE)
            .sorted(Comparator.comparing(DkimKey::stateChanged))
            .forEach(key -> newest.put(key.algorithm(), key));
        List<DkimKey> keys = List.copyOf(newest.values());
        if (cache.size() >= MAX_CACHED_DOMAINS) {
            cache.clear();
        }
        cache.put(domain, new Cached(keys, now.plus(CACHE_TIME)));
        return keys;
    }

    private static List<DkimKey> inUse(List<DkimKey> keys) {
        return keys.stream().filter(key -> key.state() != DkimKey.State.RETIRED).collect(Collectors.toList());
    }

    private static final class Cached {
        final List<DkimKey> keys;
        final Instant until;

        Cached(List<DkimKey> keys, Instant until) {
            this.keys = keys;
            this.until = until;
        }
    }
}
