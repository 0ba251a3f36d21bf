package org.mxsuite.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.config.SuiteProperties;
import org.xbill.DNS.ResolverConfig;

/**
 * The {@code dns.*} keys of {@code mxsuite.properties}: which servers the checks ask (host or host:port, comma
 * separated; none means the system's resolvers), how long one lookup may take, how long answers are kept at most, and
 * how many lookups of one kind may be in flight at once.
 */
public final class DnsSettings {
    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final Duration maxCacheTtl;
    private final int maxConcurrentLookups;

    DnsSettings(List<InetSocketAddress> servers, Duration timeout, Duration maxCacheTtl, int maxConcurrentLookups) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
        this.maxCacheTtl = maxCacheTtl;
        this.maxConcurrentLookups = maxConcurrentLookups;
    }

    public static DnsSettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        List<InetSocketAddress> servers = new ArrayList<>();
        // James reads mxsuite.properties with ',' as the list separator: a list of servers arrives as several values
        for (String server : String.join(",", configuration.getStringArray("dns.servers")).split("[,\\s]+")) {
            if (!server.isBlank()) {
                servers.add(server(server.trim()));
            }
        }
        if (servers.isEmpty()) {
            servers.addAll(ResolverConfig.getCurrentConfig().servers());
        }
        return new DnsSettings(servers,
            Durations.parseWithin("dns.timeout", configuration.getString("dns.timeout"), Duration.ofMillis(100), Duration.ofSeconds(30)),
            Durations.parseWithin("dns.maxCacheTtl", configuration.getString("dns.maxCacheTtl"), Duration.ZERO, Duration.ofDays(1)),
            maxConcurrentLookups(configuration));
    }

    private static int maxConcurrentLookups(Configuration configuration) {
        int value = configuration.getInt("dns.maxConcurrentLookups");
        if (value < 1 || value > 10_000) {
            throw new InvalidSettingException("dns.maxConcurrentLookups must be between 1 and 10000, not " + value);
        }
        return value;
    }

    /** {@code 192.0.2.53}, {@code 192.0.2.53:5353}, {@code [2001:db8::53]:53}: address literals only. */
    static InetSocketAddress server(String value) {
        String host = value;
        int port = 53;
        int colon = value.lastIndexOf(':');
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            host = value.substring(1, close < 0 ? value.length() : close);
            port = close >= 0 && close + 1 < value.length() && value.charAt(close + 1) == ':' ? port(value, value.substring(close + 2)) : 53;
        } else if (colon > 0 && value.indexOf(':') == colon) {
            host = value.substring(0, colon);
            port = port(value, value.substring(colon + 1));
        }
        org.mxsuite.domain.Cidr address = org.mxsuite.domain.Cidr.parse(host);
        if (address.prefix() != (address.isIpv4() ? 32 : 128)) {
            throw new InvalidSettingException("dns.servers: '" + value + "' is not an address");
        }
        return new InetSocketAddress(host, port);
    }

    private static int port(String value, String digits) {
        if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
            throw new InvalidSettingException("dns.servers: '" + value + "' has an invalid port");
        }
        return Integer.parseInt(digits);
    }

    public List<InetSocketAddress> servers() {
        return servers;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration maxCacheTtl() {
        return maxCacheTtl;
    }

    /** Lookups of one {@link LookupKind} in flight at once, at most. */
    public int maxConcurrentLookups() {
        return maxConcurrentLookups;
    }
}
