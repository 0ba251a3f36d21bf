package org.mxsuite.ban;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link BanStore} in this process's memory, for tests of what uses bans and for a single node that may forget them
 * at a restart. One lock: every call is as atomic as a transaction of {@link JdbcBanStore}.
 */
public final class MemoryBanStore implements BanStore {
    private final Map<BanSubject, List<Instant>> failures = new HashMap<>();
    private final Map<BanSubject, Ban> bans = new HashMap<>();

    @Override
    public synchronized int recordFailure(BanSubject subject, Protocol protocol, Instant at, Instant since) {
        List<Instant> times = failures.computeIfAbsent(subject, key -> new ArrayList<>());
        times.removeIf(time -> time.isBefore(since));
        times.add(at);
        return (int) times.stream().filter(time -> !time.isBefore(since)).count();
    }

    @Override
    public synchronized void ban(Ban ban) {
        bans.put(ban.subject(), ban);
        failures.remove(ban.subject());
    }

    @Override
    public synchronized Optional<Ban> activeBan(BanSubject subject, Instant now) {
        return Optional.ofNullable(bans.get(subject)).filter(ban -> ban.isActiveAt(now));
    }

    @Override
    public synchronized List<Ban> activeBans(Instant now) {
        List<Ban> active = new ArrayList<>();
        bans.values().stream().filter(ban -> ban.isActiveAt(now))
            .sorted(Comparator.comparing(ban -> ban.subject().asString())).forEach(active::add);
        return active;
    }

    @Override
    public synchronized boolean lift(BanSubject subject, Instant now) {
        failures.remove(subject);
        Ban lifted = bans.remove(subject);
        return lifted != null && lifted.isActiveAt(now);
    }

    @Override
    public synchronized void purge(Instant now, Instant failuresBefore) {
        bans.values().removeIf(ban -> !ban.isActiveAt(now));
        failures.values().forEach(times -> times.removeIf(time -> time.isBefore(failuresBefore)));
        failures.values().removeIf(List::isEmpty);
    }
}
