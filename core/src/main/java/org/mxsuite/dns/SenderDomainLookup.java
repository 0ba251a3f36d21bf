package org.mxsuite.dns;

import java.util.concurrent.CompletableFuture;

import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Whether a sender's domain resolves (A, AAAA or MX), its three lookups made at once. An MX whose host is written as
 * an address ({@code 192.0.2.1.}) is no host name (RFC 5321 5.1) and a null MX ({@code .}, RFC 7505) says the domain
 * takes no mail: neither makes the domain resolve.
 */
public final class SenderDomainLookup {
    private final DnsResolver resolver;

    public SenderDomainLookup(DnsResolver resolver) {
        this.resolver = resolver;
    }

    public SenderDomainVerdict check(String domain) {
        CompletableFuture<DnsAnswer> mx = resolver.lookup(domain, Type.MX);
        CompletableFuture<DnsAnswer> a = resolver.lookup(domain, Type.A);
        CompletableFuture<DnsAnswer> aaaa = resolver.lookup(domain, Type.AAAA);
        CompletableFuture.allOf(mx, a, aaaa).join();
        DnsAnswer mxAnswer = mx.join();
        DnsAnswer aAnswer = a.join();
        DnsAnswer aaaaAnswer = aaaa.join();

        boolean usableMx = mxAnswer.records().stream().filter(MXRecord.class::isInstance)
            .map(record -> ((MXRecord) record).getTarget())
            .anyMatch(SenderDomainLookup::isHostName);
        if (usableMx || aAnswer.status() == DnsAnswer.Status.FOUND || aaaaAnswer.status() == DnsAnswer.Status.FOUND) {
            return SenderDomainVerdict.RESOLVES;
        }
        if (!mxAnswer.isConclusive() || !aAnswer.isConclusive() || !aaaaAnswer.isConclusive()) {
            return SenderDomainVerdict.TEMPORARY_FAILURE;
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
