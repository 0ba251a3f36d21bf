package org.mxsuite.deliver.tls.mtasts;

/** A policy file or TXT record that does not follow RFC 8461: to be treated as no policy. */
public final class InvalidPolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidPolicyException(String message) {
        super(message);
    }
}
