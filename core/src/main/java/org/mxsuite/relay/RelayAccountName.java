package org.mxsuite.relay;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.mxsuite.domain.InvalidSettingException;

/**
 * The login of a relay account: a plain user name, never an e-mail address, so that it cannot be taken for a mailbox
 * user (who logs in with a full address) and the two kinds of credentials never collide. Case-insensitive.
 */
public final class RelayAccountName implements Comparable<RelayAccountName> {
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?");

    private final String value;

    private RelayAccountName(String value) {
        this.value = value;
    }

    public static RelayAccountName of(String raw) {
        String candidate = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (candidate.contains("@")) {
            throw new InvalidSettingException("'" + raw + "' is an e-mail address: a relay account has a plain user name"
                + " (mailbox users log in with their address)");
        }
        if (!FORMAT.matcher(candidate).matches()) {
            throw new InvalidSettingException("'" + raw + "' is not a relay account name: 1 to 64 letters, digits, '.', '_'"
                + " or '-', starting and ending with a letter or digit");
        }
        return new RelayAccountName(candidate);
    }

    /** True when {@code login} could name a relay account (no '@'), whatever its other characters. */
    public static boolean couldBe(String login) {
        return login != null && !login.contains("@");
    }

    public String asString() {
        return value;
    }

    @Override
    public int compareTo(RelayAccountName other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelayAccountName && ((RelayAccountName) o).value.equals(value);
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
