package org.mxsuite.deliver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.dnsservice.api.DNSService;
import org.mxsuite.deliver.smtp.SmtpReply;
import org.mxsuite.domain.Destination;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.net.Deadline;
import org.mxsuite.dns.DnsAnswer;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.LookupKind;
import org.mxsuite.domain.HostedDomain;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Where a domain's held mail goes: its configured destination, or else its MX hosts in preference order (port 25).
 * A host's addresses are tried family by family, IPv4 then IPv6 unless {@link AddressOrder} says otherwise. When this server is itself one of the MX hosts, only hosts
 * of a lower preference value than ours are candidates
 * (RFC 5321 section 5.1): handing the mail to a backup of the same or a lower rank would let it come back (two
 * backups that hand the mail to each other while the primary is down).
 */
public class DestinationResolver {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private final DNSService dns;
    private final DnsResolver mxResolver;
    private final LocalIdentity self;
    private final AddressOrder order;

    /**
     * {@code dns}, James's DNS service, resolves host names; {@code mxResolver} finds MX records with their
     * preferences, which James's service does not give.
     */
    public DestinationResolver(DNSService dns, DnsResolver mxResolver, LocalIdentity self, AddressOrder order) {
        this.dns = dns;
        this.mxResolver = mxResolver;
        this.self = self;
        this.order = order;
    }

    public DestinationResolver(DNSService dns, DnsResolver mxResolver, LocalIdentity self) {
        this(dns, mxResolver, self, AddressOrder.IPV4_THEN_IPV6);
    }

    /**
     * The addresses to try, in order, as IP literals: names are resolved here with James's DNS service (the one
     * James is configured with), not by the JVM.
     */
    public List<Destination> resolve(HostedDomain domain) throws NoDestinationException {
        return candidates(domain).stream().map(Candidate::address).collect(Collectors.toList());
    }

    /** As {@link #resolve}, each address with the name it was found under. */
    public List<Candidate> candidates(HostedDomain domain) throws NoDestinationException {
        HoldPolicy policy = domain.holdPolicy().orElseThrow();
        if (policy.destination().isPresent()) {
            Destination destination = policy.destination().get();
            String host = destination.unbracketedHost();
            if (IP_LITERAL.matcher(host).matches()) {
                return List.of(new Candidate(destination, host, false));
            }
            List<Candidate> addresses = at(order.apply(addressesOf(host)), destination.port(), host, false);
            if (addresses.isEmpty()) {
                throw new NoDestinationException(SmtpReply.local(451, "4.4.3", "the destination host " + host + " does not resolve"
                    + " to an address of the families used (delivery.addressFamilies=" + order + ")"));
            }
            return addresses;
        }
        List<MXRecord> hosts = mxHosts(domain);
        Map<MXRecord, Set<InetAddress>> addresses = new LinkedHashMap<>();
        OptionalInt ours = OptionalInt.empty();
        for (MXRecord host : hosts) {
            Set<InetAddress> resolved = addressesOf(hostName(host));
            addresses.put(host, resolved);
            if (self.isSelf(hostName(host), resolved) && (ours.isEmpty() || host.getPriority() < ours.getAsInt())) {
                ours = OptionalInt.of(host.getPriority());
            }
        }
        List<Candidate> destinations = new ArrayList<>();
        for (Map.Entry<MXRecord, Set<InetAddress>> host : addresses.entrySet()) {
            if (ours.isEmpty() || host.getKey().getPriority() < ours.getAsInt()) {
                // the loop check above saw every family; only the families used are tried
                destinations.addAll(at(order.apply(host.getValue()), Destination.DEFAULT_PORT, hostName(host.getKey()), true));
            }
        }
        if (destinations.isEmpty()) {
            throw new NoDestinationException(ours.isPresent()
                ? SmtpReply.local(451, "4.4.6", "mail for " + domain.name() + " loops back to myself: no MX host of a lower"
                    + " preference than this server's (" + ours.getAsInt() + "), and no destination set")
                : SmtpReply.local(451, "4.4.4", "no destination for " + domain.name() + ": no MX host that resolves, and no destination set"));
        }
        return destinations;
    }

    /**
     * The domain's MX records, lowest preference first; without any, the domain itself (RFC 5321 section 5.1, the
     * implicit MX). Temporary lookup failures are a {@link NoDestinationException}: the mail waits.
     */
    private List<MXRecord> mxHosts(HostedDomain domain) throws NoDestinationException {
        DnsAnswer answer = mxResolver.lookup(domain.name().asString(), Type.MX, LookupKind.DELIVERY,
            Deadline.after(mxResolver.timeout())).join();
        switch (answer.status()) {
            case FOUND:
                List<MXRecord> records = answer.records().stream().filter(MXRecord.class::isInstance).map(MXRecord.class::cast)
                    // a null MX (RFC 7505, target ".") says the domain takes no mail: no candidate
                    .filter(record -> !record.getTarget().equals(Name.root))
                    .collect(Collectors.toCollection(ArrayList::new));
                // hosts of one preference in random order, spreading the load (RFC 5321 section 5.1)
                Collections.shuffle(records);
                records.sort(Comparator.comparingInt(MXRecord::getPriority));
                return records;
            case NO_DATA:
                try {
                    Name itself = Name.fromString(domain.name().asString() + ".");
                    return List.of(new MXRecord(itself, DClass.IN, 0, 0, itself));
                } catch (TextParseException e) {
                    return List.of();
                }
            case NO_SUCH_NAME:
                return List.of();
            default:
                throw new NoDestinationException(SmtpReply.local(451, "4.4.3",
                    "DNS lookup of the MX records of " + domain.name() + " failed temporarily: " + answer.detail()));
        }
    }

    private static String hostName(MXRecord record) {
        String name = record.getTarget().toString();
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static List<Candidate> at(List<InetAddress> addresses, int port, String host, boolean foundByMx) {
        List<Candidate> destinations = new ArrayList<>();
        for (InetAddress address : addresses) {
            String literal = address instanceof java.net.Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
            destinations.add(new Candidate(Destination.of(literal, port), host, foundByMx));
        }
        return destinations;
    }

    /**
     * Whether an address is one of the domain's own servers (who may ask for its mail with ETRN): its configured
     * destination, or when none is configured, one of its MX hosts.
     */
    public boolean isServerOf(HostedDomain domain, InetAddress client) {
        HoldPolicy policy = domain.holdPolicy().orElseThrow();
        if (policy.destination().isPresent()) {
            return addressesOf(policy.destination().get().unbracketedHost()).contains(client);
        }
        try {
            return mxHosts(domain).stream().anyMatch(host -> addressesOf(hostName(host)).contains(client));
        } catch (NoDestinationException e) {
            return false;
        }
    }

    private Set<InetAddress> addressesOf(String host) {
        if (IP_LITERAL.matcher(host).matches()) {
            try {
                // a literal is parsed, never looked up
                return Set.of(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                return Set.of();
            }
        }
        Set<InetAddress> addresses = new LinkedHashSet<>();
        try {
            addresses.addAll(dns.getAllByName(host));
        } catch (UnknownHostException e) {
            // no IPv4 address: the IPv6 ones, if any, are the host's
        }
        addresses.addAll(ipv6AddressesOf(host));
        return addresses;
    }

    /**
     * The host's IPv6 addresses (AAAA), tried after its IPv4 ones: James's DNS service resolves IPv4 only, and a
     * destination reachable over IPv6 alone would never get its mail. A failed or late lookup leaves IPv4 alone.
     */
    private Set<InetAddress> ipv6AddressesOf(String host) {
        DnsAnswer answer = mxResolver.lookup(host, Type.AAAA, LookupKind.DELIVERY, Deadline.after(mxResolver.timeout())).join();
        Set<InetAddress> addresses = new LinkedHashSet<>();
        if (answer.status() == DnsAnswer.Status.FOUND) {
            answer.records().stream().filter(AAAARecord.class::isInstance)
                .map(record -> ((AAAARecord) record).getAddress())
                .forEach(addresses::add);
        }
        return addresses;
    }
}
