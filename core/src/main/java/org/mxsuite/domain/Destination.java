package org.mxsuite.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer's server: a host name or IP literal and a TCP port ({@code host:port}, {@code [v6]:port}); what is in
 * brackets must be an IPv4 or IPv6 address.
 */
public final class Destination {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)]:(\\d{1,5})");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9a-f]{1,4}");
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
            if (literalChecked && !isIpv4(literal) && !isIpv6(literal)) {
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
        if (IPV4.matcher(candidate).matches()) {
            if (!isIpv4(candidate)) {
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

    /** Four decimal octets, 0 to 255. */
    private static boolean isIpv4(String text) {
        Matcher ipv4 = IPV4.matcher(text);
        if (!ipv4.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(ipv4.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 4291 2.2: eight groups of one to four hex digits, one run of them written {@code ::}, the last two possibly
     * as an IPv4 address. Read here rather than by {@code InetAddress}, which looks up what is no literal in DNS.
     */
    private static boolean isIpv6(String text) {
        int shortened = text.indexOf("::");
        if (shortened >= 0 && text.indexOf("::", shortened + 1) >= 0) {
            return false;
        }
        List<String> groups = new ArrayList<>(groupsOf(shortened < 0 ? text : text.substring(0, shortened)));
        if (shortened >= 0) {
            groups.addAll(groupsOf(text.substring(shortened + 2)));
        }
        int width = 0;
        for (int i = 0; i < groups.size(); i++) {
            String group = groups.get(i);
            if (IPV6_GROUP.matcher(group).matches()) {
                width++;
            } else if (i == groups.size() - 1 && !text.endsWith(":") && isIpv4(group)) {
                width += 2;
            } else {
                return false;
            }
        }
        return shortened < 0 ? width == 8 : width <= 7;
    }

    private static List<String> groupsOf(String part) {
        return part.isEmpty() ? List.of() : Arrays.asList(part.split(":", -1));
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
