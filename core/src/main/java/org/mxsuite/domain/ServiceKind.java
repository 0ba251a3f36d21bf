package org.mxsuite.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the suite does with mail for a hosted domain. */
public enum ServiceKind {
    /** We are a lower-priority MX: hold while the customer's server is unreachable, deliver when it answers. */
    BACKUP(true),
    /** We are the MX: always relay to the customer's host and port, holding while it does not answer. */
    RELAY(true),
    /** Every address of the domain is forwarded to one external mailbox. */
    FORWARD(false),
    /** The domain's users have mailboxes on this server. */
    MAILBOX(false);

    private final boolean holdsMail;

    ServiceKind(boolean holdsMail) {
        this.holdsMail = holdsMail;
    }

    /** Whether mail for the domain goes through the hold queue to a customer's server (backup, relay). */
    public boolean holdsMail() {
        return holdsMail;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ServiceKind parse(String raw) {
        return Arrays.stream(values())
            .filter(service -> service.wireName().equals(raw))
            .findFirst()
            .orElseThrow(() -> new InvalidSettingException("unknown service '" + raw + "'; expected one of "
                + Arrays.stream(values()).map(ServiceKind::wireName).collect(Collectors.joining(", "))));
    }
}
