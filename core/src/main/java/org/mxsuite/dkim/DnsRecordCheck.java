package org.mxsuite.dkim;

import java.util.concurrent.ExecutionException;

import org.mxsuite.dns.DnsAnswer;
import org.mxsuite.dns.DnsResolver;
import org.xbill.DNS.Type;

/** Asks the suite's DNS client for a key's TXT record (cached as long as its TTL, a negative answer one minute at most). */
public final class DnsRecordCheck implements DkimKeys.RecordCheck {
    private final DnsResolver resolver;

    public DnsRecordCheck(DnsResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public DkimKeys.Publication of(DkimKey key) {
        DnsAnswer answer;
        try {
            answer = resolver.lookup(key.recordName(), Type.TXT).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DkimKeys.Publication.UNKNOWN;
        } catch (ExecutionException e) {
            return DkimKeys.Publication.UNKNOWN;
        }
        if (!answer.isConclusive()) {
            return DkimKeys.Publication.UNKNOWN;
        }
        return answer.texts().stream().anyMatch(key::isPublishedBy) ? DkimKeys.Publication.SERVED : DkimKeys.Publication.NOT_SERVED;
    }
}
