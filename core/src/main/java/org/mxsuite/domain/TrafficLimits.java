package org.mxsuite.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.mxsuite.limit.Charge;

/**
 * A hosted domain's traffic limits ({@link TrafficLimit}), each optional: none set, none counted. They belong to the
 * domain rather than to its service's policy because every service receives mail (backup, relay, forward, mailbox),
 * and a plan sold to a customer limits all of it the same way.
 */
public final class TrafficLimits {
    public static final TrafficLimits NONE = new TrafficLimits(new EnumMap<>(TrafficLimit.class));

    private final Map<TrafficLimit, Long> limits;

    private TrafficLimits(Map<TrafficLimit, Long> limits) {
        this.limits = Collections.unmodifiableMap(limits);
    }

    public OptionalLong get(TrafficLimit limit) {
        Long value = limits.get(limit);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** The same limits with {@code limit} set to {@code value} (within its range), or removed when empty. */
    public TrafficLimits with(TrafficLimit limit, OptionalLong value) {
        EnumMap<TrafficLimit, Long> changed = limits.isEmpty() ? new EnumMap<>(TrafficLimit.class) : new EnumMap<>(limits);
        if (value.isPresent()) {
            if (value.getAsLong() < limit.min() || value.getAsLong() > limit.max()) {
                throw new InvalidSettingException("field '" + limit.field() + "' must be between " + limit.min() + " and "
                    + limit.max() + ", was " + value.getAsLong());
            }
            changed.put(limit, value.getAsLong());
        } else {
            changed.remove(limit);
        }
        return new TrafficLimits(changed);
    }

    public boolean isEmpty() {
        return limits.isEmpty();
    }

    /** True when one of {@code which} is set. */
    public boolean limitsAny(Set<TrafficLimit> which) {
        return which.stream().anyMatch(limits::containsKey);
    }

    /**
     * The charges of one message or transaction of {@code domain} against those of {@code which} that are set: one
     * for a message or transaction, {@code bytes} for a byte limit.
     */
    public List<Charge> charges(DomainName domain, Set<TrafficLimit> which, long bytes) {
        List<Charge> charges = new ArrayList<>();
        limits.forEach((limit, value) -> {
            if (which.contains(limit)) {
                charges.add(new Charge("domain/" + domain.asString() + "/" + limit.counted(), limit.window(), value,
                    limit.countsBytes() ? bytes : 1, limit.description(), domain.asString()));
            }
        });
        return charges;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficLimits && ((TrafficLimits) o).limits.equals(limits);
    }

    @Override
    public int hashCode() {
        return limits.hashCode();
    }

    @Override
    public String toString() {
        return limits.toString();
    }
}
