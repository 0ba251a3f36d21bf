package org.mxsuite.dnsbl;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.mxsuite.domain.Cidr;

/**
 * The internal blocklist: networks (IPv4 and IPv6) refused like a DNS blocklist's listings, without asking DNS.
 * Expired entries are as good as absent.
 */
public interface LocalBlocklist {
    /** Adds or replaces the entry of its network. */
    void put(LocalBlocklistEntry entry);

    Optional<LocalBlocklistEntry> get(Cidr network);

    /** The entries in force, in network order. */
    List<LocalBlocklistEntry> list();

    boolean remove(Cidr network);

    /** The entry in force whose network holds {@code client}, the narrowest if several do. */
    Optional<LocalBlocklistEntry> match(InetAddress client);
}
