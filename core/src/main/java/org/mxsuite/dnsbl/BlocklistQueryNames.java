package org.mxsuite.dnsbl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * The name asked of a blocklist zone (RFC 5782): an IPv4 address by its octets in reverse
 * ({@code 2.0.0.127.zone}), an IPv6 address by its 32 nibbles in reverse, a domain (RHSBL) as is.
 */
public final class BlocklistQueryNames {
    private BlocklistQueryNames() {
    }

    /** The client part without the zone: {@code 2.0.0.127} or {@code 1.0.0.0...8.b.d.0.1.0.0.2}. */
    public static String reversed(InetAddress address) {
        byte[] bytes = address.getAddress();
        StringBuilder name = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = bytes.length - 1; i >= 0; i--) {
                name.append(bytes[i] & 0xff).append(i == 0 ? "" : ".");
            }
            return name.toString();
        }
        for (int i = bytes.length - 1; i >= 0; i--) {
            name.append(Character.forDigit(bytes[i] & 0x0f, 16)).append('.')
                .append(Character.forDigit((bytes[i] >> 4) & 0x0f, 16)).append(i == 0 ? "" : ".");
        }
        return name.toString();
    }

    public static String forClient(InetAddress address, String zone) {
        return reversed(address) + "." + zone;
    }

    public static String forDomain(String domain, String zone) {
        return domain(domain) + "." + zone;
    }

    /** A domain as asked of an RHSBL: lower case, without a final dot. */
    public static String domain(String domain) {
        String bare = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        return bare.toLowerCase(Locale.ROOT);
    }
}
