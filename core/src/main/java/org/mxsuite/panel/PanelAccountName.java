package org.mxsuite.panel;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.mxsuite.domain.InvalidSettingException;

/**
 * The login of a control panel account: a user name or an e-mail address (a domain owner often signs in with theirs),
 * case-insensitive. Its own name space: a panel account is not a mailbox user nor a relay account, even when the
 * names are alike.
 */
public final class PanelAccountName implements Comparable<PanelAccountName> {
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9]([a-z0-9._@+-]{0,126}[a-z0-9])?");

    private final String value;

    private PanelAccountName(String value) {
        this.value = value;
    }

    public static PanelAccountName of(String raw) {
        String candidate = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (!FORMAT.matcher(candidate).matches()) {
            throw new InvalidSettingException("'" + raw + "' is not a panel account name: 1 to 128 letters, digits, '.',"
                + " '_', '@', '+' or '-', starting and ending with a letter or digit");
        }
        return new PanelAccountName(candidate);
    }

    public String asString() {
        return value;
    }

    @Override
    public int compareTo(PanelAccountName other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PanelAccountName && ((PanelAccountName) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
