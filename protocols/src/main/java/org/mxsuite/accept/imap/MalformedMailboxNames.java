package org.mxsuite.accept.imap;

import java.nio.charset.CharacterCodingException;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.decode.DecodingException;

/**
 * James decodes a mailbox name that is not valid modified UTF-7 (RFC 3501 section 5.1.3) by throwing an
 * {@link Error}, which ends the client's connection without a word; here it becomes a tagged BAD naming the problem.
 */
final class MalformedMailboxNames {
    private MalformedMailboxNames() {
    }

    @FunctionalInterface
    interface Decoding<T> {
        T decode() throws DecodingException;
    }

    static <T> T refusedAsBad(Decoding<T> decoding) throws DecodingException {
        try {
            return decoding.decode();
        } catch (Error e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS,
                    "the mailbox name is not valid modified UTF-7 (RFC 3501 section 5.1.3)");
            }
            throw e;
        }
    }
}
