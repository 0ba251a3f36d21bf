package org.mxsuite.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fully qualified DNS domain name in its canonical form: lower case, ASCII (IDNA), no trailing dot.
 * Validated against RFC 1035 / RFC 1123 host name rules so that nothing that cannot be an MX target
 * or an e-mail domain reaches a store.
 */
public final class DomainName implements Comparable<DomainName> {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_LENGTH = 253;

    private final String value;

    private DomainName(String value) {
        this.value = value;
    }

    public static DomainName of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidSettingException("domain must not be empty");
        }
        String candidate = raw.trim();
        if (candidate.endsWith(".")) {
            candidate = candidate.substring(0, candidate.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(candidate, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("'" + raw + "' is not a valid domain name: " + e.getMessage());
        }
        if (ascii.length() > MAX_LENGTH) {
            throw new InvalidSettingException("'" + raw + "' is longer than " + MAX_LENGTH + " characters");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidSettingException("'" + raw + "' is not a fully qualified domain name");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidSettingException("'" + raw + "' is not a valid domain name");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new InvalidSettingException("'" + raw + "' is not a domain name (numeric top-level label)");
        }
        return new DomainName(ascii);
    }

    public String asString() {
        return value;
    }

    /** True when this name is {@code other} or one of its subdomains. */
    public boolean isWithin(DomainName other) {
        return value.equals(other.value) || value.endsWith("." + other.value);
    }

    @Override
    public int compareTo(DomainName o) {
        return value.compareTo(o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainName && ((DomainName) o).value.equals(value);
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
