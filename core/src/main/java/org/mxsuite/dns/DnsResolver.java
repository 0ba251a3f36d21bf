package org.mxsuite.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The suite's own DNS client for the SMTP-time checks (blocklists, reverse DNS, sender domains): asynchronous, so that
 * several zones are asked at once, with a time limit per lookup and a cache that keeps each answer for its TTL (capped).
 * Failures and timeouts are answers too ({@link DnsAnswer.Status}), never exceptions, and are not cached.
 */
public final class DnsResolver {
    /** Negative answers (NXDOMAIN, no data) are kept this long at most. */
    static final Duration NEGATIVE_TTL = Duration.ofMinutes(1);

    private final Resolver resolver;
    private final Duration timeout;
    /** One try: each server asked in turn, half the time limit each. */
    private final Duration tryLimit;
    private final Duration maxTtl;
    private final Clock clock;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    private static final class Key {
        final Name name;
        final int type;

        Key(Name name, int type) {
            this.name = name;
            this.type = type;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).name.equals(name) && ((Key) o).type == type;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, type);
        }
    }

    private static final class Cached {
        final DnsAnswer answer;
        final Instant until;

        Cached(DnsAnswer answer, Instant until) {
            this.answer = answer;
            this.until = until;
        }
    }

    public DnsResolver(List<InetSocketAddress> servers, Duration timeout, Duration maxTtl, Clock clock) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one DNS server is needed");
        }
        List<Resolver> each = new ArrayList<>();
        // two tries of half the time limit each (see lookup)
        Duration perTry = timeout.dividedBy(2);
        for (InetSocketAddress server : servers) {
            SimpleResolver simple = new SimpleResolver(server);
            simple.setTimeout(perTry);
            each.add(simple);
        }
        ExtendedResolver extended = new ExtendedResolver(each);
        extended.setTimeout(perTry);
        extended.setRetries(1);
        this.resolver = extended;
        this.timeout = timeout;
        this.tryLimit = perTry.multipliedBy(servers.size()).plusMillis(50);
        this.maxTtl = maxTtl;
        this.clock = clock;
    }

    /** Looks {@code name} up for records of {@code type} ({@link Type#A}, ...); completes within the time limit. */
    public CompletableFuture<DnsAnswer> lookup(String name, int type) {
        Name parsed;
        try {
            parsed = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(DnsAnswer.of(DnsAnswer.Status.NO_SUCH_NAME, "not a domain name"));
        }
        return lookup(parsed, type);
    }

    public CompletableFuture<DnsAnswer> lookup(Name name, int type) {
        Key key = new Key(name, type);
        Cached cached = cache.get(key);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.until)) {
            return CompletableFuture.completedFuture(cached.answer);
        }
        // a query without an answer in half the time is sent once more: a lost UDP datagram (it happens, on loopback
        // too, with dnsjava's shared NIO client under parallel queries) then costs half the limit, not a failure
        return ask(name, type).thenCompose(first -> first.status() == DnsAnswer.Status.TIMED_OUT
                ? ask(name, type) : CompletableFuture.completedFuture(first))
            .thenApply(answer -> {
                remember(key, answer);
                return answer;
            });
    }

    private CompletableFuture<DnsAnswer> ask(Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return resolver.sendAsync(query).toCompletableFuture()
            .orTimeout(tryLimit.toMillis(), TimeUnit.MILLISECONDS)
            .handle((response, failure) -> failure != null ? failed(failure) : read(response, type));
    }

    /** The PTR name of an address: {@code 4.3.2.1.in-addr.arpa.} or the nibbles under {@code ip6.arpa.}. */
    public static Name reverseName(InetAddress address) {
        return ReverseMap.fromAddress(address);
    }

    /** Records cached now (for tests and metrics). */
    int cached() {
        return cache.size();
    }

    private static DnsAnswer failed(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof java.net.SocketTimeoutException
            || String.valueOf(cause.getMessage()).contains("Timed out")) {
            return DnsAnswer.of(DnsAnswer.Status.TIMED_OUT, "no answer in time");
        }
        return DnsAnswer.of(DnsAnswer.Status.FAILED, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private static DnsAnswer read(Message response, int type) {
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return DnsAnswer.of(DnsAnswer.Status.NO_SUCH_NAME, "NXDOMAIN");
        }
        if (rcode != Rcode.NOERROR) {
            return DnsAnswer.of(DnsAnswer.Status.FAILED, Rcode.string(rcode));
        }
        if (response.getHeader().getFlag(Flags.TC)) {
            return DnsAnswer.of(DnsAnswer.Status.FAILED, "truncated answer");
        }
        List<Record> records = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record.getType() == type) {
                records.add(record);
            }
        }
        return records.isEmpty() ? DnsAnswer.of(DnsAnswer.Status.NO_DATA, "no " + Type.string(type) + " record")
            : DnsAnswer.found(records);
    }

    private void remember(Key key, DnsAnswer answer) {
        if (!answer.isConclusive()) {
            return;
        }
        Duration ttl = answer.status() == DnsAnswer.Status.FOUND
            ? Duration.ofSeconds(answer.records().stream().mapToLong(Record::getTTL).min().orElse(0))
            : NEGATIVE_TTL;
        if (ttl.compareTo(maxTtl) > 0) {
            ttl = maxTtl;
        }
        if (!ttl.isZero()) {
            cache.put(key, new Cached(answer, clock.instant().plus(ttl)));
        }
        if (cache.size() > 100_000) {
            Instant now = clock.instant();
            cache.values().removeIf(entry -> !now.isBefore(entry.until));
        }
    }
}
