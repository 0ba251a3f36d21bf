package org.mxsuite.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer's server: a host name or IP literal and a TCP port ({@code host:port}, {@code [v6]:port}); what is in
 * brackets must be an IPv4 or IPv6 address.
 */
public final class Destination {
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)]:(\\d{1,5})");
    private static final Pattern PLAIN = Pattern.compile("([^:\\[\\]]+):(\\d{1,5})");
    public static final int DEFAULT_PORT = 25;

    private final String host;
    private final int port;

    private Destination(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public static Destination of(String host, int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException("destination port " + port + " is out of range 1-65535");
        }
        return new Destination(host, port);
    }

    /** Parses {@code host:port}, {@code host} (port 25), {@code [ipv6]:port}, {@code [ipv4]:port}. */
    public static Destination parse(String raw) {
        return parse(raw, true);
    }

    /**
     * As {@link #parse}, but takes any hex digits, colons and dots in brackets, as earlier versions did: a destination
     * one of them stored stays readable (its mail still waits, as before, until the destination is replaced).
     */
    public static Destination parseStored(String raw) {
        return parse(raw, false);
    }

    private static Destination parse(String raw, boolean literalChecked) {
        String value = raw == null ? "" : raw.trim();
        Matcher bracketed = BRACKETED.matcher(value);
        if (bracketed.matches()) {
            String literal = bracketed.group(1).toLowerCase(Locale.ROOT);
            // anything else would never be connected to: mail would only wait until it expires
            if (literalChecked && !IpLiteral.isIpv4(literal) && !IpLiteral.isIpv6(literal)) {
                throw new InvalidSettingException("destination '" + raw + "': '" + literal + "' is not an IPv4 or IPv6 address");
            }
            return of("[" + literal + "]", port(bracketed.group(2), raw));
        }
        Matcher plain = PLAIN.matcher(value);
        if (plain.matches()) {
            return of(host(plain.group(1), raw), port(plain.group(2), raw));
        }
        if (!value.isEmpty() && !value.contains(":")) {
            return of(host(value, raw), DEFAULT_PORT);
        }
        throw new InvalidSettingException("destination '" + raw + "' is not host:port");
    }

    private static String host(String candidate, String raw) {
        if (IpLiteral.looksLikeIpv4(candidate)) {
            if (!IpLiteral.isIpv4(candidate)) {
                throw new InvalidSettingException("destination '" + raw + "' has an invalid IPv4 address");
            }
            return candidate;
        }
        try {
            return DomainName.of(candidate).asString();
        } catch (InvalidSettingException e) {
            throw new InvalidSettingException("destination '" + raw + "' has an invalid host: " + e.getMessage());
        }
    }

    private static int port(String digits, String raw) {
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException("destination '" + raw + "' has a port out of range 1-65535");
        }
        return port;
    }

    public String host() {
        return host;
    }

    /** The host as a socket takes it: a name, or an address without the brackets of {@code [v6]}. */
    public String unbracketedHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public int port() {
        return port;
    }

    public String asString() {
        return host + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Destination)) {
            return false;
        }
        Destination that = (Destination) o;
        return port == that.port && host.equals(that.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port);
    }

    @Override
    public String toString() {
        return asString();
    }
}
