package org.mxsuite.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.mxsuite.net.Deadline;
import org.mxsuite.dns.DnsAnswer;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.LookupKind;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Sender verification of relayed mail: the MAIL FROM domain must be one that mail can be returned to. It fails,
 * with the precise cause, when the domain is under a reserved top-level domain (RFC 2606, RFC 6761), does not exist,
 * has no MX, A or AAAA record, publishes a null MX (RFC 7505), has only MX hosts that are address literals or aliases
 * (an MX must name a host, RFC 5321 5.1, never a CNAME, RFC 2181 10.3), or when a lookup fails or times out. Every
 * failure is answered as temporary (451): a DNS fault on either side may pass, and the sender's queue keeps the
 * mail. Answers come from the suite's DNS client and its short cache; every lookup of one verification shares one
 * time limit ({@code dns.timeout}), and nothing blocks the caller.
 */
public final class SenderVerification {
    static final Set<String> RESERVED_TLDS = Set.of("local", "invalid", "test", "example", "localhost");

    /** Why a sender domain failed, and whether it is that DNS did not answer (rather than what it answered). */
    public static final class Failure {
        private final String cause;
        private final boolean lookupFailed;

        private Failure(String cause, boolean lookupFailed) {
            this.cause = cause;
            this.lookupFailed = lookupFailed;
        }

        static Optional<Failure> of(String cause) {
            return Optional.of(new Failure(cause, false));
        }

        /** The verification was not over in time. */
        public static Failure noAnswer(String domain) {
            return new Failure("the DNS lookups of " + domain + " timed out", true);
        }

        public String cause() {
            return cause;
        }

        /** A lookup failed or timed out: nothing is known of the domain yet. */
        public boolean lookupFailed() {
            return lookupFailed;
        }

        @Override
        public String toString() {
            return cause;
        }
    }

    private final DnsResolver resolver;

    public SenderVerification(DnsResolver resolver) {
        this.resolver = resolver;
    }

    /** Empty when the domain can receive mail; otherwise why not, for the SMTP reply. Due within {@code dns.timeout}. */
    public CompletableFuture<Optional<Failure>> failureOf(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        String tld = name.substring(name.lastIndexOf('.') + 1);
        if (RESERVED_TLDS.contains(tld) || !name.contains(".")) {
            return CompletableFuture.completedFuture(
                Failure.of(name + " is under the reserved top-level domain ." + tld + ", which is never delegated"));
        }
        Deadline deadline = Deadline.after(resolver.timeout());
        return lookup(name, Type.MX, deadline).thenCompose(mx -> {
            switch (mx.status()) {
                case FOUND:
                    return mxHostFailure(name, mx, deadline);
                case NO_SUCH_NAME:
                    return CompletableFuture.completedFuture(Failure.of(name + " does not exist in DNS (NXDOMAIN)"));
                case NO_DATA:
                    return addressFailure(name, deadline);
                default:
                    return CompletableFuture.completedFuture(lookupFailure("MX", name, mx));
            }
        });
    }

    private CompletableFuture<DnsAnswer> lookup(String name, int type, Deadline deadline) {
        return resolver.lookup(name, type, LookupKind.RELAY_SENDER, deadline);
    }

    private CompletableFuture<Optional<Failure>> addressFailure(String name, Deadline deadline) {
        CompletableFuture<DnsAnswer> a = lookup(name, Type.A, deadline);
        CompletableFuture<DnsAnswer> aaaa = lookup(name, Type.AAAA, deadline);
        return a.thenCombine(aaaa, (v4, v6) -> {
            if (v4.status() == DnsAnswer.Status.FOUND || v6.status() == DnsAnswer.Status.FOUND) {
                return Optional.empty();
            }
            if (!v4.isConclusive()) {
                return lookupFailure("A", name, v4);
            }
            if (!v6.isConclusive()) {
                return lookupFailure("AAAA", name, v6);
            }
            return Failure.of(name + " has no MX, A or AAAA record");
        });
    }

    /** Fine when one MX host is a real host name with an address; else the first host's fault. */
    private CompletableFuture<Optional<Failure>> mxHostFailure(String name, DnsAnswer mx, Deadline deadline) {
        List<CompletableFuture<Optional<Failure>>> faults = new ArrayList<>();
        for (Record record : mx.records()) {
            if (record instanceof MXRecord) {
                faults.add(hostFault(name, ((MXRecord) record).getTarget(), deadline));
            }
        }
        return CompletableFuture.allOf(faults.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            if (faults.isEmpty()) {
                return Failure.of(name + " has no usable MX record");
            }
            for (CompletableFuture<Optional<Failure>> fault : faults) {
                if (fault.join().isEmpty()) {
                    return Optional.empty();
                }
            }
            return faults.get(0).join();
        });
    }

    private CompletableFuture<Optional<Failure>> hostFault(String name, Name host, Deadline deadline) {
        String text = host.toString(true);
        if (host.equals(Name.root) || text.isEmpty()) {
            return CompletableFuture.completedFuture(Failure.of(name + " publishes a null MX (RFC 7505): it neither sends nor receives mail"));
        }
        if (text.matches("\\[?[0-9]{1,3}(\\.[0-9]{1,3}){3}\\]?") || text.contains(":")) {
            return CompletableFuture.completedFuture(
                Failure.of("the MX record of " + name + " points to an IP address (" + text + "), not to a host name"));
        }
        CompletableFuture<DnsAnswer> alias = resolver.lookup(host, Type.CNAME, LookupKind.RELAY_SENDER, deadline);
        CompletableFuture<DnsAnswer> a = resolver.lookup(host, Type.A, LookupKind.RELAY_SENDER, deadline);
        CompletableFuture<DnsAnswer> aaaa = resolver.lookup(host, Type.AAAA, LookupKind.RELAY_SENDER, deadline);
        return CompletableFuture.allOf(alias, a, aaaa).thenApply(done -> {
            DnsAnswer cname = alias.join();
            if (cname.status() == DnsAnswer.Status.FOUND) {
                return Failure.of("the MX host " + text + " of " + name + " is a CNAME (an alias), which an MX must not name");
            }
            DnsAnswer v4 = a.join();
            DnsAnswer v6 = aaaa.join();
            if (v4.status() == DnsAnswer.Status.FOUND || v6.status() == DnsAnswer.Status.FOUND) {
                return Optional.empty();
            }
            if (!cname.isConclusive()) {
                return lookupFailure("CNAME", text, cname);
            }
            if (!v4.isConclusive()) {
                return lookupFailure("A", text, v4);
            }
            if (!v6.isConclusive()) {
                return lookupFailure("AAAA", text, v6);
            }
            return Failure.of("the MX host " + text + " of " + name + " has no A or AAAA record");
        });
    }

    private static Optional<Failure> lookupFailure(String type, String name, DnsAnswer answer) {
        return Optional.of(new Failure(answer.status() == DnsAnswer.Status.TIMED_OUT
            ? "the DNS lookup of the " + type + " records of " + name + " timed out"
            : "the DNS lookup of the " + type + " records of " + name + " failed (" + answer.detail() + ")", true));
    }
}
