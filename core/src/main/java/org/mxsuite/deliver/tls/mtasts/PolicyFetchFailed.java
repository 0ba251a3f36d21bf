package org.mxsuite.deliver.tls.mtasts;

/** A policy could not be fetched (no address, no connection, a bad certificate, not a 200 text/plain answer...). */
public final class PolicyFetchFailed extends Exception {
    private static final long serialVersionUID = 1L;

    public PolicyFetchFailed(String message) {
        super(message);
    }
}
