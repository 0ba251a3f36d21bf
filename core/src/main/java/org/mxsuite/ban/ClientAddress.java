package org.mxsuite.ban;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.InvalidSettingException;

/**
 * The address a client connects from, in one canonical text form ({@code 192.0.2.7}, {@code 2001:db8:0:0:0:0:0:1}),
 * so that a ban written by one protocol or node is found by every other.
 */
public final class ClientAddress {
    private final InetAddress address;

    private ClientAddress(InetAddress address) {
        this.address = address;
    }

    public static ClientAddress of(InetAddress address) {
        Objects.requireNonNull(address, "address");
        try {
            // without host name or IPv6 scope (fe80::1%eth0): the same client whichever way it was reached
            return new ClientAddress(InetAddress.getByAddress(address.getAddress()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** @throws InvalidSettingException when {@code value} is not an IPv4 or IPv6 address literal (never a DNS name) */
    public static ClientAddress parse(String value) {
        Cidr network = Cidr.parse(value);
        if (value.contains("/") || network.prefix() != (network.isIpv4() ? 32 : 128)) {
            throw new InvalidSettingException("'" + value + "' is not an IP address (a network cannot be banned)");
        }
        try {
            // Cidr.parse has checked that this is a literal: no DNS lookup happens
            String literal = value.trim();
            if (literal.startsWith("[") && literal.endsWith("]")) {
                literal = literal.substring(1, literal.length() - 1);
            }
            return new ClientAddress(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            throw new InvalidSettingException("'" + value + "' is not an IP address");
        }
    }

    public InetAddress inetAddress() {
        return address;
    }

    public String asString() {
        return address.getHostAddress();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientAddress && ((ClientAddress) o).address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    @Override
    public String toString() {
        return asString();
    }
}
