package org.mxsuite.domain;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}; a bare address is a /32 or
 * /128). Parsing never consults DNS: only address literals are accepted. Host bits are cleared, so
 * {@code 192.0.2.7/24} and {@code 192.0.2.0/24} are the same network.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = mask(network, prefix);
        this.prefix = prefix;
    }

    /** @throws InvalidSettingException when {@code value} is not an address literal with an optional valid prefix */
    public static Cidr parse(String value) {
        String text = Objects.requireNonNull(value, "network").trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address).orElseThrow(() -> new InvalidSettingException(
            "'" + value + "' is not an IP network (expected an address or address/prefix, e.g. 192.0.2.0/24 or 2001:db8::/32)"));
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (!digits.matches("[0-9]{1,3}") || Integer.parseInt(digits) > bytes.length * 8) {
                throw new InvalidSettingException("'" + value + "' has an invalid prefix length (0 to " + bytes.length * 8 + ")");
            }
            prefix = Integer.parseInt(digits);
        }
        return new Cidr(bytes, prefix);
    }

    /** The network of {@code prefix} bits around {@code address} (for IPv4 addresses) or {@code prefix6} (IPv6). */
    public static Cidr around(InetAddress address, int prefix4, int prefix6) {
        byte[] bytes = address.getAddress();
        int prefix = bytes.length == 4 ? prefix4 : prefix6;
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new InvalidSettingException("prefix " + prefix + " is out of range for " + address.getHostAddress());
        }
        return new Cidr(bytes, prefix);
    }

    public static Cidr of(InetAddress address) {
        return new Cidr(address.getAddress(), address.getAddress().length * 8);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    public int prefix() {
        return prefix;
    }

    private static java.util.Optional<byte[]> literal(String address) {
        String candidate = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        boolean v4 = IpLiteral.isIpv4(candidate);
        boolean v6 = !v4 && IpLiteral.isIpv6(candidate);
        if (!v4 && !v6) {
            return java.util.Optional.empty();
        }
        try {
            // a literal: InetAddress does not look anything up
            InetAddress parsed = InetAddress.getByName(candidate);
            if (v4 != (parsed instanceof Inet4Address)) {
                // an IPv4-mapped IPv6 literal comes back as IPv4: keep it IPv6-sized only if it was written as IPv6
                return java.util.Optional.of(v6 ? toV6(parsed.getAddress()) : parsed.getAddress());
            }
            return java.util.Optional.of(parsed.getAddress());
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    private static byte[] toV6(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr && ((Cidr) o).prefix == prefix && Arrays.equals(((Cidr) o).network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    /** The canonical form: {@code 192.0.2.0/24}, {@code 2001:db8:0:0:0:0:0:0/32}. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress().toLowerCase(Locale.ROOT) + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
