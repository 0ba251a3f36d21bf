package org.mxsuite.scan;

import java.io.IOException;

/** A scanner gave no verdict: it could not be reached, did not answer in time, or answered with an error. */
public class ScannerUnavailableException extends IOException {
    public ScannerUnavailableException(String message) {
        super(message);
    }

    public ScannerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
