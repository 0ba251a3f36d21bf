package org.mxsuite.accept.imap;

import java.util.Optional;

/**
 * What an IMAP client may name a mailbox beyond James's own rules (no empty level such as {@code a..b}, no {@code %}
 * or {@code *}, at most 200 characters): no {@code /}, which clients and tools take for a hierarchy delimiter (James's
 * is {@code .}), no control character, and a name that was valid modified UTF-7 (RFC 3501 section 5.1.3): James
 * decodes a malformed one into U+FFFD replacement characters rather than refusing it.
 */
final class MailboxNames {
    private MailboxNames() {
    }

    /** Why {@code name} (as James decoded it) is refused, or empty when it is acceptable. */
    static Optional<String> refusal(String name) {
        if (name.indexOf('/') >= 0) {
            return Optional.of("'/' is not allowed in a mailbox name (the hierarchy delimiter is '.')");
        }
        if (name.indexOf('\uFFFD') >= 0) {
            return Optional.of("the mailbox name is not valid modified UTF-7 (RFC 3501 section 5.1.3)");
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("a mailbox name cannot contain control characters");
        }
        return Optional.empty();
    }
}
