package org.mxsuite.state;

/** The state store could not be read or written; the caller answers with a temporary failure. */
public class StateStoreException extends RuntimeException {
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
