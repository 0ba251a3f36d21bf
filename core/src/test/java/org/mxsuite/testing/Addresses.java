package org.mxsuite.testing;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

/** Envelope addresses from text, for tests that know theirs are valid. */
public final class Addresses {
    private Addresses() {
    }

    public static MailAddress address(String value) {
        try {
            return new MailAddress(value);
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static MaybeSender sender(String value) {
        return MaybeSender.of(address(value));
    }
}
