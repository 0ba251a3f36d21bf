package org.mxsuite.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.mxsuite.dns.DnsAnswer;
import org.mxsuite.dns.DnsResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Sender verification of relayed mail: the MAIL FROM domain must be one that mail can be returned to. It fails,
 * with the precise cause, when the domain is under a reserved top-level domain (RFC 2606, RFC 6761), does not exist,
 * has no MX, A or AAAA record, publishes a null MX (RFC 7505), has only MX hosts that are address literals or aliases
 * (an MX must name a host, RFC 5321 5.1, never a CNAME, RFC 2181 10.3), or when a lookup fails or times out. Every
 * failure is answered as temporary (451 4.1.8): a DNS fault on either side may pass, and the sender's queue keeps the
 * mail. Answers come from the suite's DNS client and its short cache.
 */
public final class SenderVerification {
    static final Set<String> RESERVED_TLDS = Set.of("local", "invalid", "test", "example", "localhost");

    private final DnsResolver resolver;

    public SenderVerification(DnsResolver resolver) {
        this.resolver = resolver;
    }

    /** Empty when the domain can receive mail; otherwise why not, for the SMTP reply. */
    public Optional<String> failureOf(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        String tld = name.substring(name.lastIndexOf('.') + 1);
        if (RESERVED_TLDS.contains(tld) || !name.contains(".")) {
            return Optional.of(name + " is under the reserved top-level domain ." + tld + ", which is never delegated");
        }
        DnsAnswer mx = resolver.lookup(name, Type.MX).join();
        switch (mx.status()) {
            case FOUND:
                return mxHostFailure(name, mx);
            case NO_SUCH_NAME:
                return Optional.of(name + " does not exist in DNS (NXDOMAIN)");
            case NO_DATA:
                return addressFailure(name);
            default:
                return Optional.of(lookupFailure("MX", name, mx));
        }
    }

    private Optional<String> addressFailure(String name) {
        CompletableFuture<DnsAnswer> a = resolver.lookup(name, Type.A);
        CompletableFuture<DnsAnswer> aaaa = resolver.lookup(name, Type.AAAA);
        DnsAnswer v4 = a.join();
        DnsAnswer v6 = aaaa.join();
        if (v4.status() == DnsAnswer.Status.FOUND || v6.status() == DnsAnswer.Status.FOUND) {
            return Optional.empty();
        }
        if (!v4.isConclusive()) {
            return Optional.of(lookupFailure("A", name, v4));
        }
        if (!v6.isConclusive()) {
            return Optional.of(lookupFailure("AAAA", name, v6));
        }
        return Optional.of(name + " has no MX, A or AAAA record");
    }

    /** Fine when one MX host is a real host name with an address; else the first host's fault. */
    private Optional<String> mxHostFailure(String name, DnsAnswer mx) {
        List<String> faults = new ArrayList<>();
        for (Record record : mx.records()) {
            if (!(record instanceof MXRecord)) {
                continue;
            }
            Optional<String> fault = hostFault(name, ((MXRecord) record).getTarget());
            if (fault.isEmpty()) {
                return Optional.empty();
            }
            faults.add(fault.get());
        }
        return Optional.of(faults.isEmpty() ? name + " has no usable MX record" : faults.get(0));
    }

    private Optional<String> hostFault(String name, Name host) {
        String text = host.toString(true);
        if (host.equals(Name.root) || text.isEmpty()) {
            return Optional.of(name + " publishes a null MX (RFC 7505): it neither sends nor receives mail");
        }
        if (text.matches("\\[?[0-9]{1,3}(\\.[0-9]{1,3}){3}\\]?") || text.contains(":")) {
            return Optional.of("the MX record of " + name + " points to an IP address (" + text + "), not to a host name");
        }
        CompletableFuture<DnsAnswer> alias = resolver.lookup(host, Type.CNAME);
        CompletableFuture<DnsAnswer> a = resolver.lookup(host, Type.A);
        CompletableFuture<DnsAnswer> aaaa = resolver.lookup(host, Type.AAAA);
        DnsAnswer cname = alias.join();
        if (cname.status() == DnsAnswer.Status.FOUND) {
            return Optional.of("the MX host " + text + " of " + name + " is a CNAME (an alias), which an MX must not name");
        }
        DnsAnswer v4 = a.join();
        DnsAnswer v6 = aaaa.join();
        if (v4.status() == DnsAnswer.Status.FOUND || v6.status() == DnsAnswer.Status.FOUND) {
            return Optional.empty();
        }
        if (!cname.isConclusive()) {
            return Optional.of(lookupFailure("CNAME", text, cname));
        }
        if (!v4.isConclusive()) {
            return Optional.of(lookupFailure("A", text, v4));
        }
        if (!v6.isConclusive()) {
            return Optional.of(lookupFailure("AAAA", text, v6));
        }
        return Optional.of("the MX host " + text + " of " + name + " has no A or AAAA record");
    }

    private static String lookupFailure(String type, String name, DnsAnswer answer) {
        return answer.status() == DnsAnswer.Status.TIMED_OUT
            ? "the DNS lookup of the " + type + " records of " + name + " timed out"
            : "the DNS lookup of the " + type + " records of " + name + " failed (" + answer.detail() + ")";
    }
}
