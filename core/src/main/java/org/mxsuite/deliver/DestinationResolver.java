package org.mxsuite.deliver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

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
    private final DNSService dns;
    private final LocalIdentity self;

    public DestinationResolver(DNSService dns, LocalIdentity self) {
        this.dns = dns;
        this.self = self;
    }

    public List<Destination> resolve(HostedDomain domain) throws NoDestinationException {
        HoldPolicy policy = domain.holdPolicy().orElseThrow();
        if (policy.destination().isPresent()) {
            return List.of(policy.destination().get());
        }
        Collection<String> hosts;
        try {
            hosts = dns.findMXRecords(domain.name().asString());
        } catch (TemporaryResolutionException e) {
            throw new NoDestinationException(SmtpReply.local(451, "4.4.3", "DNS lookup of the MX records of " + domain.name() + " failed temporarily"));
        }
        List<Destination> destinations = new ArrayList<>();
        for (String host : hosts) {
            if (!self.isSelf(host, addressesOf(host))) {
                destinations.add(Destination.of(host, Destination.DEFAULT_PORT));
            }
        }
        if (destinations.isEmpty()) {
            throw new NoDestinationException(SmtpReply.local(451, "4.4.4",
                "no destination for " + domain.name() + ": no MX host other than this server, and no destination set"));
        }
        return destinations;
    }

    private java.util.Set<InetAddress> addressesOf(String host) {
        try {
            return new HashSet<>(dns.getAllByName(host));
        } catch (UnknownHostException e) {
            return java.util.Set.of();
        }
    }
}
