package org.mxsuite.relay;

import java.util.Objects;

import org.mxsuite.domain.DomainName;

/** Whose daily quota a relayed message counts against: the sending domain, with the limit that applies to it. */
public final class RelayCharge {
    private final DomainName domain;
    private final int dailyLimit;

    public RelayCharge(DomainName domain, int dailyLimit) {
        this.domain = domain;
        this.dailyLimit = dailyLimit;
    }

    public DomainName domain() {
        return domain;
    }

    public int dailyLimit() {
        return dailyLimit;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelayCharge && ((RelayCharge) o).domain.equals(domain) && ((RelayCharge) o).dailyLimit == dailyLimit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, dailyLimit);
    }

    @Override
    public String toString() {
        return domain + " (limit " + dailyLimit + "/day)";
    }
}
