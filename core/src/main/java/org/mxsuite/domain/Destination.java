package org.mxsuite.domain;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The customer's server: a host name or IP literal and a TCP port ({@code host:port}, {@code [v6]:port}). */
public final class Destination {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
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

    /** Parses {@code host:port}, {@code host} (port 25), {@code [ipv6]:port}. */
    public static Destination parse(String raw) {
        String value = raw == null ? "" : raw.trim();
        Matcher bracketed = BRACKETED.matcher(value);
        if (bracketed.matches()) {
            return of("[" + bracketed.group(1).toLowerCase() + "]", port(bracketed.group(2), raw));
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
        Matcher ipv4 = IPV4.matcher(candidate);
        if (ipv4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(ipv4.group(i)) > 255) {
                    throw new InvalidSettingException("destination '" + raw + "' has an invalid IPv4 address");
                }
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
