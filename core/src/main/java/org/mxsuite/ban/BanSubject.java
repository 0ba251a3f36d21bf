package org.mxsuite.ban;

import java.util.Locale;
import java.util.Optional;

import org.mxsuite.domain.Cidr;

/**
 * What failed logins are counted against, and what a ban applies to: a client address, the IPv6 /64 it belongs to (one
 * host usually has a whole /64, and could otherwise try each of its addresses in turn), or a user name (tried from many
 * addresses). Stored as text: {@code 192.0.2.7}, {@code 2001:db8:0:1:0:0:0:0/64}, {@code user:alice@example.com}.
 */
public final class BanSubject {
    public enum Kind { ADDRESS, NETWORK, USER }

    /** User names are kept to this many characters (an address is at most 320). */
    static final int MAX_USER_NAME = 320;
    private static final String USER_PREFIX = "user:";

    private final Kind kind;
    private final String stored;

    private BanSubject(Kind kind, String stored) {
        this.kind = kind;
        this.stored = stored;
    }

    public static BanSubject address(ClientAddress address) {
        return new BanSubject(Kind.ADDRESS, address.asString());
    }

    /** The /64 of an IPv6 address; none for IPv4, whose addresses are counted one by one. */
    public static Optional<BanSubject> networkOf(ClientAddress address) {
        if (address.inetAddress().getAddress().length != 16) {
            return Optional.empty();
        }
        return Optional.of(new BanSubject(Kind.NETWORK, Cidr.around(address.inetAddress(), 32, 64).toString()));
    }

    /** A login name, in lower case, as every protocol gives it. */
    public static BanSubject user(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        if (normalized.length() > MAX_USER_NAME) {
            normalized = normalized.substring(0, MAX_USER_NAME);
        }
        return new BanSubject(Kind.USER, USER_PREFIX + normalized);
    }

    /** The stored form back. */
    public static BanSubject parse(String stored) {
        if (stored.startsWith(USER_PREFIX)) {
            return new BanSubject(Kind.USER, stored);
        }
        if (stored.contains("/")) {
            return new BanSubject(Kind.NETWORK, Cidr.parse(stored).toString());
        }
        return address(ClientAddress.parse(stored));
    }

    public Kind kind() {
        return kind;
    }

    /** The stored form. */
    public String asString() {
        return stored;
    }

    /** As people read it: the address, the network, or the user name. */
    public String display() {
        return kind == Kind.USER ? stored.substring(USER_PREFIX.length()) : stored;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BanSubject && ((BanSubject) o).stored.equals(stored);
    }

    @Override
    public int hashCode() {
        return stored.hashCode();
    }

    @Override
    public String toString() {
        return display();
    }
}
