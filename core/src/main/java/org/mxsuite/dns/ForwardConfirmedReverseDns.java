package org.mxsuite.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.mxsuite.net.Deadline;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Type;

/**
 * Forward-confirmed reverse DNS (FCrDNS): the client's PTR names, each looked up for the client's address family; the
 * client passes when one of them resolves back to its address. Loopback addresses are first looked up as the system
 * does, in the hosts file ({@code 127.0.0.1 localhost}), then in DNS. The PTR lookup and the forward lookups after it
 * share one deadline: the whole check ends within it, never blocking its caller.
 */
public final class ForwardConfirmedReverseDns {
    /** A client with more PTR records than this is judged on the first ones (RFC 8601's limit of 10 for iprev). */
    static final int MAX_NAMES = 10;

    private final DnsResolver resolver;
    private final HostsFile hosts;

    public ForwardConfirmedReverseDns(DnsResolver resolver, HostsFile hosts) {
        this.resolver = resolver;
        this.hosts = hosts;
    }

    /** The verdict within {@code dns.timeout}. */
    public CompletableFuture<ReverseDnsVerdict> check(InetAddress client) {
        return check(client, Deadline.after(resolver.timeout()));
    }

    public CompletableFuture<ReverseDnsVerdict> check(InetAddress client, Deadline deadline) {
        if (client.isLoopbackAddress()) {
            List<String> names = hosts.namesOf(client);
            for (String name : names) {
                if (hosts.addressesOf(name).contains(client)) {
                    return CompletableFuture.completedFuture(ReverseDnsVerdict.confirmed(name));
                }
            }
        }
        return resolver.lookup(DnsResolver.reverseName(client), Type.PTR, LookupKind.REVERSE_DNS, deadline)
            .thenCompose(ptr -> forward(client, ptr, deadline));
    }

    private CompletableFuture<ReverseDnsVerdict> forward(InetAddress client, DnsAnswer ptr, Deadline deadline) {
        if (ptr.status() == DnsAnswer.Status.NO_SUCH_NAME || ptr.status() == DnsAnswer.Status.NO_DATA) {
            return CompletableFuture.completedFuture(ReverseDnsVerdict.of(ReverseDnsVerdict.Status.NO_NAME));
        }
        if (!ptr.isConclusive()) {
            return CompletableFuture.completedFuture(ReverseDnsVerdict.temporaryFailure(ptr.detail()));
        }
        List<String> names = ptr.records().stream().filter(PTRRecord.class::isInstance)
            .map(record -> ((PTRRecord) record).getTarget().toString(true))
            .limit(MAX_NAMES).collect(Collectors.toList());
        int type = client instanceof Inet4Address ? Type.A : Type.AAAA;
        List<CompletableFuture<DnsAnswer>> forward = new ArrayList<>();
        for (String name : names) {
            forward.add(resolver.lookup(name, type, LookupKind.REVERSE_DNS, deadline));
        }
        return CompletableFuture.allOf(forward.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            String failure = null;
            for (int i = 0; i < names.size(); i++) {
                DnsAnswer answer = forward.get(i).join();
                if (!answer.isConclusive() && failure == null) {
                    failure = answer.detail();
                }
                if (answer.addresses().stream().anyMatch(address -> sameAddress(address, client))) {
                    return ReverseDnsVerdict.confirmed(names.get(i));
                }
            }
            if (failure != null) {
                return ReverseDnsVerdict.temporaryFailure(failure);
            }
            return names.isEmpty() ? ReverseDnsVerdict.of(ReverseDnsVerdict.Status.NO_NAME) : ReverseDnsVerdict.mismatch(names.get(0));
        });
    }

    private static boolean sameAddress(String literal, InetAddress client) {
        try {
            return InetAddress.getByName(literal).equals(client); // a literal from an A/AAAA record: no lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
