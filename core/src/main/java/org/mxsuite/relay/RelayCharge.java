package org.mxsuite.relay;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.mxsuite.domain.DomainName;
import org.mxsuite.limit.Charge;
import org.mxsuite.limit.Window;

/**
 * Whose quota a relayed message counts against: the sending domain, with the limits that apply to it (the daily one
 * always; an hourly one and a maximum of recipients per message when its relay account has them).
 */
public final class RelayCharge {
    private final DomainName domain;
    private final int dailyLimit;
    private final OptionalInt hourlyLimit;
    private final OptionalInt maxRecipients;

    public RelayCharge(DomainName domain, int dailyLimit) {
        this(domain, dailyLimit, OptionalInt.empty(), OptionalInt.empty());
    }

    public RelayCharge(DomainName domain, int dailyLimit, OptionalInt hourlyLimit, OptionalInt maxRecipients) {
        this.domain = domain;
        this.dailyLimit = dailyLimit;
        this.hourlyLimit = hourlyLimit;
        this.maxRecipients = maxRecipients;
    }

    public DomainName domain() {
        return domain;
    }

    public int dailyLimit() {
        return dailyLimit;
    }

    public OptionalInt hourlyLimit() {
        return hourlyLimit;
    }

    public OptionalInt maxRecipients() {
        return maxRecipients;
    }

    /** {@code relays} against the domain's hourly limit, when it has one. */
    public Optional<Charge> hourly(int relays) {
        return hourlyLimit.isEmpty() ? Optional.empty()
            : Optional.of(new Charge("relay/" + domain.asString() + "/relays", Window.HOUR, hourlyLimit.getAsInt(), relays,
                "relay limit", domain.asString()));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RelayCharge)) {
            return false;
        }
        RelayCharge other = (RelayCharge) o;
        return other.domain.equals(domain) && other.dailyLimit == dailyLimit && other.hourlyLimit.equals(hourlyLimit)
            && other.maxRecipients.equals(maxRecipients);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, dailyLimit, hourlyLimit, maxRecipients);
    }

    @Override
    public String toString() {
        return domain + " (limit " + dailyLimit + "/day" + hourlyLimit.stream().mapToObj(limit -> ", " + limit + "/hour").findFirst().orElse("")
            + maxRecipients.stream().mapToObj(limit -> ", " + limit + " recipients/message").findFirst().orElse("") + ")";
    }
}
