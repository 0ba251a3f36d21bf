package org.mxsuite.deliver.tls;

/** A TLS policy lookup failed so that the mail must wait (a temporary failure, {@code 4.7.5} unless said otherwise). */
public final class TlsPolicyUnavailable extends Exception {
    private static final long serialVersionUID = 1L;
    private final String enhancedCode;

    public TlsPolicyUnavailable(String message) {
        this("4.7.5", message);
    }

    public TlsPolicyUnavailable(String enhancedCode, String message) {
        super(message);
        this.enhancedCode = enhancedCode;
    }

    public String enhancedCode() {
        return enhancedCode;
    }
}
