package org.mxsuite.deliver;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.mxsuite.domain.InvalidSettingException;

/**
 * Which address families a destination host is tried over, in which order ({@code delivery.addressFamilies}):
 * {@code ipv4 ipv6} (the default), {@code ipv6 ipv4}, or one family only, for a server whose other family does not
 * route. Addresses written in a domain's {@code destination} are tried as written, whatever this says.
 */
public final class AddressOrder {
    public static final AddressOrder IPV4_THEN_IPV6 = new AddressOrder(List.of(Inet4Address.class, Inet6Address.class));

    private final List<Class<? extends InetAddress>> families;

    private AddressOrder(List<Class<? extends InetAddress>> families) {
        this.families = families;
    }

    /** {@code ipv4}, {@code ipv6}, or both in the order to try them, separated by a space or a comma. */
    public static AddressOrder parse(String key, String value) {
        List<Class<? extends InetAddress>> families = new ArrayList<>();
        for (String family : value.trim().split("[,\\s]+")) {
            Class<? extends InetAddress> parsed;
            switch (family.trim().toLowerCase(Locale.ROOT)) {
                case "ipv4":
                    parsed = Inet4Address.class;
                    break;
                case "ipv6":
                    parsed = Inet6Address.class;
                    break;
                default:
                    throw new InvalidSettingException(key + " must be ipv4, ipv6, or both in the order to try them (\"ipv6 ipv4\"),"
                        + " was '" + value + "'");
            }
            if (families.contains(parsed)) {
                throw new InvalidSettingException(key + " names " + family.trim() + " twice: '" + value + "'");
            }
            families.add(parsed);
        }
        return new AddressOrder(List.copyOf(families));
    }

    /** The addresses of the families to use, family by family in order, each family's in the order given. */
    public List<InetAddress> apply(Collection<InetAddress> addresses) {
        List<InetAddress> ordered = new ArrayList<>();
        for (Class<? extends InetAddress> family : families) {
            addresses.stream().filter(family::isInstance).forEach(ordered::add);
        }
        return ordered;
    }

    @Override
    public String toString() {
        return families.stream().map(family -> family == Inet4Address.class ? "ipv4" : "ipv6")
            .collect(java.util.stream.Collectors.joining(" "));
    }
}
