package org.mxsuite.domain;

import java.util.Optional;

/**
 * A mailbox user's password must be one every protocol can carry: at most {@value #MAX_LENGTH} characters, no control
 * characters (they break IMAP's quoted strings and SMTP's lines). James would store any other, and its user could
 * never log in. WebAdmin's {@code /users} routes and the panel apply it alike.
 */
public final class MailboxPasswordRule {
    public static final int MAX_LENGTH = 256;

    private MailboxPasswordRule() {
    }

    /** Why the password cannot be a mailbox user's, or empty when it can. */
    public static Optional<String> problem(String password) {
        if (password.length() > MAX_LENGTH) {
            return Optional.of("the password is " + password.length() + " characters long; at most " + MAX_LENGTH);
        }
        if (password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("the password contains a control character (line break, tab, NUL...)");
        }
        return Optional.empty();
    }
}
