package org.mxsuite.embedded.jpa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Domain;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaDAO;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaManager;
import org.apache.james.mailbox.model.QuotaRoot;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * James's quota limits in the database, read at most every {@link #FRESH} per quota root: every message stored read
 * the user's, domain's and global limits of count and size twice (12 queries of about 50), though limits rarely
 * change. A change made through this server applies at once; one made on another node sharing the database applies
 * here within {@link #FRESH}.
 */
public class RecentQuotaLimits extends JPAPerUserMaxQuotaManager {
    static final Duration FRESH = Duration.ofSeconds(10);

    private final Clock clock;
    private final Map<QuotaRoot, Read> reads = new ConcurrentHashMap<>();
    /** Changes made so far: a read that began before a change is not kept. */
    private final AtomicLong changes = new AtomicLong();

    private static final class Read {
        final QuotaDetails details;
        final Instant at;

        Read(QuotaDetails details, Instant at) {
            this.details = details;
            this.at = at;
        }
    }

    @Inject
    public RecentQuotaLimits(EntityManagerFactory entityManagerFactory, JPAPerUserMaxQuotaDAO dao) {
        this(entityManagerFactory, dao, Clock.systemUTC());
    }

    RecentQuotaLimits(EntityManagerFactory entityManagerFactory, JPAPerUserMaxQuotaDAO dao, Clock clock) {
        super(entityManagerFactory, dao);
        this.clock = clock;
    }

    @Override
    public QuotaDetails quotaDetails(QuotaRoot quotaRoot) {
        Read read = reads.get(quotaRoot);
        if (fresh(read)) {
            return read.details;
        }
        long before = changes.get();
        return keep(quotaRoot, new QuotaDetails(listMaxMessagesDetails(quotaRoot), listMaxStorageDetails(quotaRoot)), before);
    }

    @Override
    public Publisher<QuotaDetails> quotaDetailsReactive(QuotaRoot quotaRoot) {
        Read read = reads.get(quotaRoot);
        if (fresh(read)) {
            return Mono.just(read.details);
        }
        long before = changes.get();
        return Mono.from(super.quotaDetailsReactive(quotaRoot)).map(details -> keep(quotaRoot, details, before));
    }

    private boolean fresh(Read read) {
        return read != null && read.at.plus(FRESH).isAfter(clock.instant());
    }

    private QuotaDetails keep(QuotaRoot quotaRoot, QuotaDetails details, long changesBefore) {
        if (changes.get() == changesBefore) {
            reads.put(quotaRoot, new Read(details, clock.instant()));
        }
        return details;
    }

    private void changed() {
        changes.incrementAndGet();
        reads.clear();
    }

    private <T> Publisher<T> changed(Publisher<T> change) {
        return Mono.from(change).doFinally(signal -> changed());
    }

    @Override
    public void setMaxStorage(QuotaRoot quotaRoot, QuotaSizeLimit limit) {
        super.setMaxStorage(quotaRoot, limit);
        changed();
    }

    @Override
    public Publisher<Void> setMaxStorageReactive(QuotaRoot quotaRoot, QuotaSizeLimit limit) {
        return changed(super.setMaxStorageReactive(quotaRoot, limit));
    }

    @Override
    public void setMaxMessage(QuotaRoot quotaRoot, QuotaCountLimit limit) {
        super.setMaxMessage(quotaRoot, limit);
        changed();
    }

    @Override
    public Publisher<Void> setMaxMessageReactive(QuotaRoot quotaRoot, QuotaCountLimit limit) {
        return changed(super.setMaxMessageReactive(quotaRoot, limit));
    }

    @Override
    public void setDomainMaxMessage(Domain domain, QuotaCountLimit limit) {
        super.setDomainMaxMessage(domain, limit);
        changed();
    }

    @Override
    public Publisher<Void> setDomainMaxMessageReactive(Domain domain, QuotaCountLimit limit) {
        return changed(super.setDomainMaxMessageReactive(domain, limit));
    }

    @Override
    public void setDomainMaxStorage(Domain domain, QuotaSizeLimit limit) {
        super.setDomainMaxStorage(domain, limit);
        changed();
    }

    @Override
    public Publisher<Void> setDomainMaxStorageReactive(Domain domain, QuotaSizeLimit limit) {
        return changed(super.setDomainMaxStorageReactive(domain, limit));
    }

    @Override
    public void removeDomainMaxMessage(Domain domain) {
        super.removeDomainMaxMessage(domain);
        changed();
    }

    @Override
    public Publisher<Void> removeDomainMaxMessageReactive(Domain domain) {
        return changed(super.removeDomainMaxMessageReactive(domain));
    }

    @Override
    public void removeDomainMaxStorage(Domain domain) {
        super.removeDomainMaxStorage(domain);
        changed();
    }

    @Override
    public Publisher<Void> removeDomainMaxStorageReactive(Domain domain) {
        return changed(super.removeDomainMaxStorageReactive(domain));
    }

    @Override
    public void removeMaxMessage(QuotaRoot quotaRoot) {
        super.removeMaxMessage(quotaRoot);
        changed();
    }

    @Override
    public Publisher<Void> removeMaxMessageReactive(QuotaRoot quotaRoot) {
        return changed(super.removeMaxMessageReactive(quotaRoot));
    }

    @Override
    public void removeMaxStorage(QuotaRoot quotaRoot) {
        super.removeMaxStorage(quotaRoot);
        changed();
    }

    @Override
    public Publisher<Void> removeMaxStorageReactive(QuotaRoot quotaRoot) {
        return changed(super.removeMaxStorageReactive(quotaRoot));
    }

    @Override
    public void setGlobalMaxStorage(QuotaSizeLimit limit) {
        super.setGlobalMaxStorage(limit);
        changed();
    }

    @Override
    public Publisher<Void> setGlobalMaxStorageReactive(QuotaSizeLimit limit) {
        return changed(super.setGlobalMaxStorageReactive(limit));
    }

    @Override
    public void removeGlobalMaxStorage() {
        super.removeGlobalMaxStorage();
        changed();
    }

    @Override
    public Publisher<Void> removeGlobalMaxStorageReactive() {
        return changed(super.removeGlobalMaxStorageReactive());
    }

    @Override
    public void setGlobalMaxMessage(QuotaCountLimit limit) {
        super.setGlobalMaxMessage(limit);
        changed();
    }

    @Override
    public Publisher<Void> setGlobalMaxMessageReactive(QuotaCountLimit limit) {
        return changed(super.setGlobalMaxMessageReactive(limit));
    }

    @Override
    public void removeGlobalMaxMessage() {
        super.removeGlobalMaxMessage();
        changed();
    }

    @Override
    public Publisher<Void> removeGlobalMaxMessageReactive() {
        return changed(super.removeGlobalMaxMessageReactive());
    }
}
