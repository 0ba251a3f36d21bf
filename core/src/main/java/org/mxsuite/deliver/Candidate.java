package org.mxsuite.deliver;

import org.mxsuite.domain.Destination;

/**
 * One address a domain's mail may go to, with the name it was found under: the MX host or the configured
 * destination's host (an IP literal when that is what was configured). TLS checks certificates against that name
 * and DANE and MTA-STS apply to MX hosts only.
 */
public final class Candidate {
    private final Destination address;
    private final String host;
    private final boolean foundByMx;

    public Candidate(Destination address, String host, boolean foundByMx) {
        this.address = address;
        this.host = host;
        this.foundByMx = foundByMx;
    }

    /** An IP literal and port. */
    public Destination address() {
        return address;
    }

    public String host() {
        return host;
    }

    public boolean foundByMx() {
        return foundByMx;
    }

    @Override
    public String toString() {
        return host.equals(address.unbracketedHost()) ? address.asString() : address.asString() + " (" + host + ")";
    }
}
