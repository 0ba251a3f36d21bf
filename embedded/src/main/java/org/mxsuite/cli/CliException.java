package org.mxsuite.cli;

/** A failure the operator should read: its message is printed as it is, and the command exits with 1. */
final class CliException extends Exception {
    CliException(String message) {
        super(message);
    }
}
