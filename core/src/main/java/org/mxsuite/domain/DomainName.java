package org.mxsuite.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;

/**
 * A fully qualified DNS domain name in its canonical form: lower case, ASCII (IDNA), no trailing dot.
 * Validated against RFC 1035 / RFC 1123 host name rules so that nothing that cannot be an MX target
 * or an e-mail domain reaches a store.
 */
public final class DomainName implements Comparable<DomainName> {
    private static final int MAX_LABEL_LENGTH = 63;
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
        // names already in ASCII (nearly all, and every one on the SMTP path) need no IDNA conversion: it was most
        // of the cost of a lookup of a recipient's domain
        String ascii = isLettersDigitsHyphensDots(candidate) ? candidate.toLowerCase(Locale.ROOT) : idnaAscii(raw, candidate);
        if (ascii.length() > MAX_LENGTH) {
            throw new InvalidSettingException("'" + raw + "' is longer than " + MAX_LENGTH + " characters");
        }
        if (ascii.indexOf('.') < 0) {
            throw new InvalidSettingException("'" + raw + "' is not a fully qualified domain name");
        }
        int start = 0;
        boolean numericLabel = false;
        for (int end = ascii.indexOf('.'); start <= ascii.length(); end = ascii.indexOf('.', start)) {
            end = end < 0 ? ascii.length() : end;
            if (!isLabel(ascii, start, end)) {
                throw new InvalidSettingException("'" + raw + "' is not a valid domain name");
            }
            numericLabel = isDigits(ascii, start, end);
            start = end + 1;
        }
        if (numericLabel) {
            throw new InvalidSettingException("'" + raw + "' is not a domain name (numeric top-level label)");
        }
        return new DomainName(ascii);
    }

    private static String idnaAscii(String raw, String candidate) {
        try {
            return IDN.toASCII(candidate, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("'" + raw + "' is not a valid domain name: " + e.getMessage());
        }
    }

    private static boolean isLettersDigitsHyphensDots(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** RFC 1123: 1 to 63 lower-case letters, digits and hyphens, neither first nor last a hyphen. */
    private static boolean isLabel(String name, int start, int end) {
        int length = end - start;
        if (length < 1 || length > MAX_LABEL_LENGTH || name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String name, int start, int end) {
        for (int i = start; i < end; i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
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
