package org.mxsuite.forward;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many bounces to our SRS addresses one client may send (an IPv4 address, or an IPv6 /64: a host has a whole
 * /64 to rotate through) within a window: {@code rcptLimit} recipients in all, of which {@code refusalLimit}
 * refused ones (forged, altered, expired). Past either, every SRS recipient of that client is deferred until its
 * window ends, verified or not: a 30-bit signature cannot be found by trying, and a valid address cannot carry a
 * flood. Counts are this node's, in memory; a restart forgets them.
 */
public final class SrsRcptLimit {
    /** Clients tracked at most: past it, windows that ended are dropped, and a new client waits if none had. */
    static final int MAX_CLIENTS = 100_000;

    private final int rcptLimit;
    private final int refusalLimit;
    private final Duration window;
    private final Clock clock;
    private final Map<Key, Counts> clients = new ConcurrentHashMap<>();

    public SrsRcptLimit(int rcptLimit, int refusalLimit, Duration window, Clock clock) {
        this.rcptLimit = rcptLimit;
        this.refusalLimit = refusalLimit;
        this.window = window;
        this.clock = clock;
    }

    private static final class Counts {
        final Instant start;
        int recipients;
        int refusals;

        Counts(Instant start) {
            this.start = start;
        }
    }

    /** Counts one SRS recipient of the client; false when the client is over a limit (and then it is not counted). */
    public boolean tryRecipient(InetAddress client) {
        Instant now = clock.instant();
        Key key = Key.of(client);
        if (!clients.containsKey(key) && clients.size() >= MAX_CLIENTS) {
            clients.values().removeIf(counts -> ended(counts, now));
            if (clients.size() >= MAX_CLIENTS) {
                return false;
            }
        }
        boolean[] allowed = new boolean[1];
        clients.compute(key, (k, counts) -> {
            Counts current = counts == null || ended(counts, now) ? new Counts(now) : counts;
            allowed[0] = current.recipients < rcptLimit && current.refusals < refusalLimit;
            if (allowed[0]) {
                current.recipients++;
            }
            return current;
        });
        return allowed[0];
    }

    /** The client's last SRS recipient was refused. */
    public void refused(InetAddress client) {
        Instant now = clock.instant();
        clients.compute(Key.of(client), (k, counts) -> {
            Counts current = counts == null || ended(counts, now) ? new Counts(now) : counts;
            current.refusals++;
            return current;
        });
    }

    /** When the client's window ends (for the reply), or now if it has none. */
    public Instant windowEnd(InetAddress client) {
        Counts counts = clients.get(Key.of(client));
        return counts == null ? clock.instant() : counts.start.plus(window);
    }

    private boolean ended(Counts counts, Instant now) {
        return !now.isBefore(counts.start.plus(window));
    }

    /** An IPv4 address whole, an IPv6 address by its /64. */
    private static final class Key {
        private final byte[] bytes;

        private Key(byte[] bytes) {
            this.bytes = bytes;
        }

        static Key of(InetAddress address) {
            byte[] raw = address.getAddress();
            return new Key(raw.length == 16 ? Arrays.copyOf(raw, 8) : raw);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Arrays.equals(((Key) o).bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
