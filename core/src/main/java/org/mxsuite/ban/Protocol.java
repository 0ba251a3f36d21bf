package org.mxsuite.ban;

import java.util.Locale;

/** Where a login failed. */
public enum Protocol {
    SMTP, IMAP, POP3,
    /** The control panel's sign-in. */
    PANEL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
