package org.mxsuite.dns;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.mxsuite.net.Deadline;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Whether a sender's domain resolves (A, AAAA or MX), its three lookups made at once. An MX whose host is written as
 * an address ({@code 192.0.2.1.}) is no host name (RFC 5321 5.1) and a null MX ({@code .}, RFC 7505) says the domain
 * takes no mail: neither makes the domain resolve. The verdict is due by the deadline, never blocking its caller.
 */
public final class SenderDomainLookup {
    private final DnsResolver resolver;

    public SenderDomainLookup(DnsResolver resolver) {
        this.resolver = resolver;
    }

    /** The verdict within {@code dns.timeout}. */
    public CompletableFuture<SenderDomainVerdict> check(String domain) {
        return check(domain, Deadline.after(resolver.timeout()));
    }

    public CompletableFuture<SenderDomainVerdict> check(String domain, Deadline deadline) {
        CompletableFuture<DnsAnswer> mx = resolver.lookup(domain, Type.MX, LookupKind.SENDER_DOMAIN, deadline);
        CompletableFuture<DnsAnswer> a = resolver.lookup(domain, Type.A, LookupKind.SENDER_DOMAIN, deadline);
        CompletableFuture<DnsAnswer> aaaa = resolver.lookup(domain, Type.AAAA, LookupKind.SENDER_DOMAIN, deadline);
        return CompletableFuture.allOf(mx, a, aaaa).thenApply(done -> verdict(mx.join(), a.join(), aaaa.join()));
    }

    private static SenderDomainVerdict verdict(DnsAnswer mxAnswer, DnsAnswer aAnswer, DnsAnswer aaaaAnswer) {
        boolean usableMx = mxAnswer.records().stream().filter(MXRecord.class::isInstance)
            .map(record -> ((MXRecord) record).getTarget())
            .anyMatch(SenderDomainLookup::isHostName);
        if (usableMx || aAnswer.status() == DnsAnswer.Status.FOUND || aaaaAnswer.status() == DnsAnswer.Status.FOUND) {
            return SenderDomainVerdict.RESOLVES;
        }
        for (DnsAnswer answer : List.of(mxAnswer, aAnswer, aaaaAnswer)) {
            if (!answer.isConclusive()) {
                return SenderDomainVerdict.temporaryFailure(answer.detail());
            }
        }
        if (mxAnswer.status() == DnsAnswer.Status.NO_SUCH_NAME && aAnswer.status() == DnsAnswer.Status.NO_SUCH_NAME) {
            return SenderDomainVerdict.DOES_NOT_EXIST;
        }
        return SenderDomainVerdict.NO_MAIL_ADDRESS;
    }

    /** Not the root (null MX) and not an IPv4 address written as a name. */
    static boolean isHostName(Name target) {
        String text = target.toString(true);
        return !target.equals(Name.root) && !text.isEmpty() && !text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") && !text.contains(":");
    }
}
