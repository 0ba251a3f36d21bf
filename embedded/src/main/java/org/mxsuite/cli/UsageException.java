package org.mxsuite.cli;

/** Arguments the commands do not take: the usage is printed, and the command exits with 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
