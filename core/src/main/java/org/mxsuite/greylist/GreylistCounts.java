package org.mxsuite.greylist;

/** What the greylist store holds: triplets, of which passed (the rest await their retry), and auto-allowed networks. */
public final class GreylistCounts {
    private final long triplets;
    private final long passed;
    private final long autoAllowedNetworks;

    public GreylistCounts(long triplets, long passed, long autoAllowedNetworks) {
        this.triplets = triplets;
        this.passed = passed;
        this.autoAllowedNetworks = autoAllowedNetworks;
    }

    public long triplets() {
        return triplets;
    }

    public long passed() {
        return passed;
    }

    public long awaitingRetry() {
        return triplets - passed;
    }

    public long autoAllowedNetworks() {
        return autoAllowedNetworks;
    }
}
