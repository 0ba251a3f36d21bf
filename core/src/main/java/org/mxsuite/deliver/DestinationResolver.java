package org.mxsuite.deliver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.mxsuite.deliver.smtp.SmtpReply;
import org.mxsuite.domain.Destination;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;

/**
 * Where a domain's held mail goes: its configured destination, or else its MX hosts in preference order (port
 * 25), without the ones that are this server.
 */
public class DestinationResolver {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private final DNSService dns;
    private final LocalIdentity self;

    public DestinationResolver(DNSService dns, LocalIdentity self) {
        this.dns = dns;
        this.self = self;
    }

    /**
     * The addresses to try, in order, as IP literals: names are resolved here with James's DNS service (the one
     * James is configured with), not by the JVM.
     */
    public List<Destination> resolve(HostedDomain domain) throws NoDestinationException {
        HoldPolicy policy = domain.holdPolicy().orElseThrow();
        if (policy.destination().isPresent()) {
            Destination destination = policy.destination().get();
            String host = literalOrName(destination.host());
            if (IP_LITERAL.matcher(host).matches()) {
                return List.of(destination);
            }
            List<Destination> addresses = at(addressesOf(host), destination.port());
            if (addresses.isEmpty()) {
                throw new NoDestinationException(SmtpReply.local(451, "4.4.3", "the destination host " + host + " does not resolve"));
            }
            return addresses;
        }
        Collection<String> hosts;
        try {
            hosts = dns.findMXRecords(domain.name().asString());
        } catch (TemporaryResolutionException e) {
            throw new NoDestinationException(SmtpReply.local(451, "4.4.3", "DNS lookup of the MX records of " + domain.name() + " failed temporarily"));
        }
        List<Destination> destinations = new ArrayList<>();
        for (String host : hosts) {
            Set<InetAddress> addresses = addressesOf(host);
            if (!self.isSelf(host, addresses)) {
                destinations.addAll(at(addresses, Destination.DEFAULT_PORT));
            }
        }
        if (destinations.isEmpty()) {
            throw new NoDestinationException(SmtpReply.local(451, "4.4.4",
                "no destination for " + domain.name() + ": no MX host other than this server, and no destination set"));
        }
        return destinations;
    }

    private static List<Destination> at(Set<InetAddress> addresses, int port) {
        List<Destination> destinations = new ArrayList<>();
        for (InetAddress address : addresses) {
            String literal = address instanceof java.net.Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
            destinations.add(Destination.of(literal, port));
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
            return addressesOf(literalOrName(policy.destination().get().host())).contains(client);
        }
        try {
            return dns.findMXRecords(domain.name().asString()).stream().anyMatch(host -> addressesOf(host).contains(client));
        } catch (TemporaryResolutionException e) {
            return false;
        }
    }

    private static String literalOrName(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
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
        try {
            return new LinkedHashSet<>(dns.getAllByName(host));
        } catch (UnknownHostException e) {
            return Set.of();
        }
    }
}
