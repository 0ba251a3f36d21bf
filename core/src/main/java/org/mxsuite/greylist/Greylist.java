package org.mxsuite.greylist;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mxsuite.domain.Cidr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Greylisting decisions (RFC 6647). The store is shared by every node; this node keeps what it learnt in memory, so
 * that a known triplet (or an auto-allowed network) is decided without a database round trip: a passed triplet's
 * last use is written at most once per {@link #TOUCH_EVERY}, a network's passes are read again after
 * {@link #NETWORK_FRESHNESS}. What another node changes is seen at the next read.
 */
public final class Greylist {
    private static final Logger LOGGER = LoggerFactory.getLogger(Greylist.class);
    static final Duration TOUCH_EVERY = Duration.ofHours(1);
    static final Duration NETWORK_FRESHNESS = Duration.ofMinutes(1);
    static final Duration ALLOW_LIST_FRESHNESS = Duration.ofSeconds(10);
    static final int MAX_CACHED = 500_000;

    private final GreylistStore store;
    private final GreylistSettings settings;
    private final Clock clock;
    private final Map<Triplet, TripletState> triplets = new ConcurrentHashMap<>();
    private final Map<Cidr, CachedNetwork> networks = new ConcurrentHashMap<>();
    private final Map<GreylistDecision.Kind, AtomicLong> decisions = new EnumMap<>(GreylistDecision.Kind.class);
    private volatile AllowLists allowLists;

    private static final class CachedNetwork {
        final int passes;
        final Instant lastUsed;
        final Instant readAt;

        CachedNetwork(int passes, Instant lastUsed, Instant readAt) {
            this.passes = passes;
            this.lastUsed = lastUsed;
            this.readAt = readAt;
        }
    }

    /** The allow lists of the configuration and of the store, as read at {@code readAt}. */
    private static final class AllowLists {
        final Map<AllowList, Set<String>> entries;
        final Set<Cidr> clients;
        final Instant readAt;

        AllowLists(Map<AllowList, Set<String>> entries, Set<Cidr> clients, Instant readAt) {
            this.entries = entries;
            this.clients = clients;
            this.readAt = readAt;
        }
    }

    public Greylist(GreylistStore store, GreylistSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        for (GreylistDecision.Kind kind : GreylistDecision.Kind.values()) {
            decisions.put(kind, new AtomicLong());
        }
    }

    public GreylistSettings settings() {
        return settings;
    }

    /**
     * Decides for one recipient of a transaction. {@code confirmedClientName} gives the client's forward-confirmed
     * host name; it is asked only when the host-name allow list has entries.
     */
    public GreylistDecision decide(InetAddress client, Supplier<Optional<String>> confirmedClientName, MaybeSender sender,
                                   MailAddress recipient) {
        GreylistDecision decision = decideUncounted(client, confirmedClientName, sender, recipient);
        decisions.get(decision.kind()).incrementAndGet();
        return decision;
    }

    private GreylistDecision decideUncounted(InetAddress client, Supplier<Optional<String>> confirmedClientName,
                                             MaybeSender sender, MailAddress recipient) {
        Instant now = clock.instant();
        if (isAllowListed(client, confirmedClientName, sender, recipient, now)) {
            return GreylistDecision.pass(GreylistDecision.Kind.ALLOW_LISTED);
        }
        Triplet triplet = Triplet.of(client, sender, recipient, settings.prefix4(), settings.prefix6());
        if (isAutoAllowed(triplet.network(), now)) {
            return GreylistDecision.pass(GreylistDecision.Kind.AUTO_ALLOWED);
        }
        TripletState cached = triplets.get(triplet);
        TripletState state;
        if (cached == null) {
            // unknown here: recorded now, or as another node (or this one before a restart) recorded it
            state = store.firstSight(triplet, now);
            if (state.firstSeen().equals(now) && !state.hasPassed()) {
                return startOver(triplet, state, now);
            }
        } else if (!cached.hasPassed() && now.isBefore(cached.firstSeen().plus(settings.delay()))) {
            state = cached;
        } else {
            // passed here, or due: another node may have passed or restarted it since
            state = cached.hasPassed() ? cached : store.find(triplet).orElse(null);
            if (state == null) {
                return startOver(triplet, store.firstSight(triplet, now), now);
            }
        }
        if (state.hasPassed()) {
            if (state.lastSeen().isBefore(now.minus(settings.lifetime()))) {
                store.restart(triplet, now);
                return startOver(triplet, new TripletState(now, Optional.empty(), now), now);
            }
            if (!now.isBefore(state.lastSeen().plus(TOUCH_EVERY))) {
                store.touch(triplet, now);
                state = new TripletState(state.firstSeen(), state.passedAt(), now);
            }
            remember(triplet, state);
            return GreylistDecision.pass(GreylistDecision.Kind.KNOWN);
        }
        Instant acceptedFrom = state.firstSeen().plus(settings.delay());
        if (now.isBefore(acceptedFrom)) {
            remember(triplet, state);
            return GreylistDecision.defer(GreylistDecision.Kind.TOO_EARLY, Duration.between(now, acceptedFrom));
        }
        if (now.isAfter(state.firstSeen().plus(settings.retryWindow()))) {
            store.restart(triplet, now);
            return startOver(triplet, new TripletState(now, Optional.empty(), now), now);
        }
        store.pass(triplet, now);
        remember(triplet, new TripletState(state.firstSeen(), Optional.of(now), now));
        networks.compute(triplet.network(), (network, known) -> known == null ? null
            : new CachedNetwork(known.passes + 1, now, known.readAt));
        return GreylistDecision.pass(GreylistDecision.Kind.RETRIED);
    }

    private GreylistDecision startOver(Triplet triplet, TripletState state, Instant now) {
        remember(triplet, state);
        return GreylistDecision.defer(GreylistDecision.Kind.NEW, Duration.between(now, state.firstSeen().plus(settings.delay())));
    }

    private void remember(Triplet triplet, TripletState state) {
        if (triplets.size() >= MAX_CACHED) {
            // a cache, not the truth: dropping it costs database reads, never a wrong decision
            triplets.clear();
        }
        triplets.put(triplet, state);
    }

    private boolean isAutoAllowed(Cidr network, Instant now) {
        if (settings.autoAllowAfter() <= 0) {
            return false;
        }
        CachedNetwork cached = networks.get(network);
        if (cached == null || !now.isBefore(cached.readAt.plus(NETWORK_FRESHNESS))) {
            Optional<GreylistStore.NetworkPasses> read = store.network(network);
            cached = new CachedNetwork(read.map(GreylistStore.NetworkPasses::passes).orElse(0),
                read.map(GreylistStore.NetworkPasses::lastUsed).orElse(Instant.EPOCH), now);
            if (networks.size() >= MAX_CACHED) {
                networks.clear();
            }
            networks.put(network, cached);
        }
        if (cached.passes < settings.autoAllowAfter() || cached.lastUsed.isBefore(now.minus(settings.lifetime()))) {
            return false;
        }
        if (!now.isBefore(cached.lastUsed.plus(TOUCH_EVERY))) {
            store.touchNetwork(network, now);
            networks.put(network, new CachedNetwork(cached.passes, now, cached.readAt));
        }
        return true;
    }

    private boolean isAllowListed(InetAddress client, Supplier<Optional<String>> confirmedClientName, MaybeSender sender,
                                  MailAddress recipient, Instant now) {
        AllowLists lists = allowLists(now);
        if (lists.clients.stream().anyMatch(network -> network.contains(client))) {
            return true;
        }
        if (lists.entries.get(AllowList.RECIPIENTS).contains(recipient.asString().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (!sender.isNullSender()
            && matchesSuffix(sender.get().getDomain().asString(), lists.entries.get(AllowList.SENDER_DOMAINS))) {
            return true;
        }
        Set<String> names = lists.entries.get(AllowList.CLIENT_NAMES);
        return !names.isEmpty() && confirmedClientName.get().filter(name -> matchesSuffix(name, names)).isPresent();
    }

    private static boolean matchesSuffix(String name, Set<String> suffixes) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        for (String suffix : suffixes) {
            if (lower.equals(suffix) || lower.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }

    private AllowLists allowLists(Instant now) {
        AllowLists lists = allowLists;
        if (lists == null || !now.isBefore(lists.readAt.plus(ALLOW_LIST_FRESHNESS))) {
            lists = readAllowLists(now);
            allowLists = lists;
        }
        return lists;
    }

    private AllowLists readAllowLists(Instant now) {
        Map<AllowList, Set<String>> entries = new EnumMap<>(AllowList.class);
        for (AllowList list : AllowList.values()) {
            Set<String> merged = new TreeSet<>(settings.configured(list));
            merged.addAll(store.allowed(list));
            entries.put(list, merged);
        }
        Set<Cidr> clients = ConcurrentHashMap.newKeySet();
        entries.get(AllowList.CLIENTS).forEach(entry -> clients.add(Cidr.parse(entry)));
        return new AllowLists(entries, clients, now);
    }

    /** Whether a client-name allow list is in force: only then is a client's confirmed name of any use. */
    public boolean hasClientNameAllowList() {
        return !allowLists(clock.instant()).entries.get(AllowList.CLIENT_NAMES).isEmpty();
    }

    /** Every allow list: the configured entries and those added over REST. */
    public Map<AllowList, Set<String>> allowLists() {
        return readAllowLists(clock.instant()).entries;
    }

    /** Adds an entry (canonical form) over REST; it applies at once on this node. */
    public boolean allow(AllowList list, String entry) {
        boolean added = store.allow(list, list.canonical(entry));
        allowLists = null;
        return added;
    }

    /** Removes an entry added over REST; entries of mxsuite.properties stay. */
    public boolean disallow(AllowList list, String entry) {
        boolean removed = store.disallow(list, list.canonical(entry));
        allowLists = null;
        return removed;
    }

    /** Why {@link #disallow} removed nothing: the entry is in mxsuite.properties (removed there only), or in no list. */
    public String whyNotRemoved(AllowList list, String entry) {
        String canonical = list.canonical(entry);
        return settings.configured(list).contains(canonical)
            ? "'" + canonical + "' is in greylisting.allow." + list.wireName() + " of mxsuite.properties; remove it there"
            : "'" + canonical + "' is not in the " + list.wireName() + " allow list";
    }

    /** Forgets what expired, in the store and in this node's memory; returns how many rows the store dropped. */
    public int purge() {
        Instant now = clock.instant();
        Instant unpassedBefore = now.minus(settings.retryWindow());
        Instant unusedBefore = now.minus(settings.lifetime());
        int purged = store.purge(unpassedBefore, unusedBefore);
        triplets.entrySet().removeIf(entry -> entry.getValue().hasPassed()
            ? entry.getValue().lastSeen().isBefore(unusedBefore) : entry.getValue().firstSeen().isBefore(unpassedBefore));
        networks.clear();
        LOGGER.debug("greylist purge: {} rows expired", purged);
        return purged;
    }

    public GreylistCounts counts() {
        Instant now = clock.instant();
        return store.counts(settings.autoAllowAfter() <= 0 ? Integer.MAX_VALUE : settings.autoAllowAfter(), now.minus(settings.lifetime()));
    }

    /** Decisions made by this node since it started, by kind. */
    public Map<GreylistDecision.Kind, Long> decisions() {
        Map<GreylistDecision.Kind, Long> copy = new EnumMap<>(GreylistDecision.Kind.class);
        decisions.forEach((kind, count) -> copy.put(kind, count.get()));
        return copy;
    }
}
