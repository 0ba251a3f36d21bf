package org.mxsuite.deliver.tls.mtasts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.mxsuite.deliver.tls.MxTlsSource;
import org.mxsuite.deliver.tls.PeerCheck;
import org.mxsuite.deliver.tls.PeerChecks;
import org.mxsuite.deliver.tls.TlsPolicyUnavailable;
import org.mxsuite.deliver.tls.TlsRequirement;
import org.mxsuite.deliver.tls.TrustAnchors;
import org.mxsuite.dns.DnsAnswer;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.LookupKind;
import org.mxsuite.net.Deadline;
import org.mxsuite.state.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Type;

/**
 * MTA-STS (RFC 8461) for mail delivered by MX lookup. The domain's {@code _mta-sts} TXT record is looked up at most
 * once per {@code txtCacheTime} per node (a drain of thousands of messages makes a handful of lookups); its policy is
 * fetched only when the record's id differs from the stored policy's, or the stored one expired, and is kept in the
 * shared {@link MtaStsPolicyStore} for its max_age. A stored policy still applies when the TXT record is gone or
 * its lookup fails, and when a new one cannot be fetched (section 5.1): an attacker who blocks DNS or the policy host
 * does not switch an enforced policy off. Without a stored policy, those failures mean no policy (deliver as today).
 *
 * <p>{@code enforce}: an MX host the policy lists must offer STARTTLS and a certificate valid for its name (PKIX and
 * RFC 6125 under {@code anchors}); one it does not list is not connected to. {@code testing}: the same checks, failures
 * logged and counted, the mail delivered anyway. {@code none}: nothing to say.
 */
public final class MtaStsSource implements MxTlsSource {
    private static final Logger LOGGER = LoggerFactory.getLogger(MtaStsSource.class);
    private static final int MAX_DOMAINS = 100_000;

    /** What this node last learnt of a domain: the policy in force, if any, and until when the TXT answer is fresh. */
    private static final class Known {
        final Instant freshUntil;
        final Optional<StoredPolicy> stored;
        final Optional<MtaStsPolicy> policy;

        Known(Instant freshUntil, Optional<StoredPolicy> stored) {
            this.freshUntil = freshUntil;
            this.stored = stored;
            this.policy = stored.flatMap(MtaStsSource::parsed);
        }
    }

    private final DnsResolver dns;
    private final PolicyFetcher fetcher;
    private final MtaStsPolicyStore store;
    private final TrustAnchors anchors;
    private final MtaStsMetrics metrics;
    private final Clock clock;
    private final Duration txtCacheTime;
    /** Domains delivered to lately, least recently used dropped first: relayed mail may go to any number of domains. */
    private final Map<String, Known> known = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > MAX_DOMAINS;
        }
    });
    /** One domain's refresh at a time, so that its workers wait for one lookup and fetch rather than each making its own. */
    private final Object[] locks = new Object[64];

    public MtaStsSource(DnsResolver dns, PolicyFetcher fetcher, MtaStsPolicyStore store, TrustAnchors anchors,
                        MtaStsMetrics metrics, Clock clock, Duration txtCacheTime) {
        this.dns = dns;
        this.fetcher = fetcher;
        this.store = store;
        this.anchors = anchors;
        this.metrics = metrics;
        this.clock = clock;
        this.txtCacheTime = txtCacheTime;
        Arrays.setAll(locks, index -> new Object());
    }

    @Override
    public Optional<TlsRequirement> requirementFor(String domain, String mxHost) throws TlsPolicyUnavailable {
        Optional<MtaStsPolicy> policy = policyOf(domain);
        if (policy.isEmpty() || policy.get().mode() == MtaStsMode.NONE) {
            return Optional.empty();
        }
        MtaStsPolicy applied = policy.get();
        String source = "MTA-STS policy of " + domain + " (" + applied.mode().wireName() + ")";
        PeerCheck check = PeerChecks.validFor(anchors, List.of(mxHost));
        String unlisted = "MX host " + mxHost + " is not listed in the MTA-STS policy of " + domain
            + " (mx: " + String.join(" ", applied.mx()) + ")";
        if (applied.mode() == MtaStsMode.ENFORCE) {
            return Optional.of(applied.lists(mxHost) ? TlsRequirement.authenticated(source, check).withServerName(mxHost)
                : TlsRequirement.refused(source, unlisted));
        }
        Consumer<String> report = problem -> reportTestingFailure(domain, mxHost, problem);
        if (!applied.lists(mxHost)) {
            report.accept(unlisted);
        }
        return Optional.of(TlsRequirement.reportOnly(source, check, report).withServerName(mxHost));
    }

    private void reportTestingFailure(String domain, String mxHost, String problem) {
        metrics.testingFailure();
        LOGGER.warn("MTA-STS policy of {} is in testing mode, mail to {} goes on: {}", domain, mxHost, problem);
    }

    /** The policy in force for the domain, TXT record looked up again once the last answer is stale. */
    Optional<MtaStsPolicy> policyOf(String domain) throws TlsPolicyUnavailable {
        Known current = known.get(domain);
        if (current == null || !clock.instant().isBefore(current.freshUntil)) {
            synchronized (locks[Math.floorMod(domain.hashCode(), locks.length)]) {
                current = known.get(domain);
                if (current == null || !clock.instant().isBefore(current.freshUntil)) {
                    current = refreshed(domain);
                    known.put(domain, current);
                }
            }
        }
        Instant now = clock.instant();
        return current.stored.isPresent() && current.stored.get().isValidAt(now) ? current.policy : Optional.empty();
    }

    private Known refreshed(String domain) throws TlsPolicyUnavailable {
        Instant now = clock.instant();
        metrics.txtLookup();
        DnsAnswer answer = dns.lookup("_mta-sts." + domain, Type.TXT, LookupKind.DELIVERY, Deadline.after(dns.timeout())).join();
        Optional<String> id = answer.status() == DnsAnswer.Status.FOUND ? MtaStsRecord.policyId(answer.texts()) : Optional.empty();
        Optional<StoredPolicy> stored;
        try {
            stored = store.find(domain).filter(policy -> policy.isValidAt(now));
            if (id.isPresent() && (stored.isEmpty() || !stored.get().id().equals(id.get()))) {
                Optional<StoredPolicy> fetched = fetch(domain, id.get(), now);
                if (fetched.isPresent()) {
                    stored = fetched;
                }
            }
        } catch (StateStoreException e) {
            // without the store, an enforced policy may be in force that this node cannot see: the mail waits
            throw new TlsPolicyUnavailable("4.3.0", "the MTA-STS policy of " + domain + " cannot be read: " + e.getMessage());
        }
        return new Known(now.plus(txtCacheTime), stored);
    }

    private Optional<StoredPolicy> fetch(String domain, String id, Instant now) {
        metrics.policyFetch();
        try {
            String text = fetcher.fetch(domain);
            MtaStsPolicy policy = MtaStsPolicy.parse(text);
            StoredPolicy stored = new StoredPolicy(id, text, now, now.plus(policy.maxAge()));
            store.save(domain, stored);
            LOGGER.info("MTA-STS policy of {} (id {}) fetched: {}", domain, id, policy);
            return Optional.of(stored);
        } catch (PolicyFetchFailed | InvalidPolicyException e) {
            LOGGER.warn("MTA-STS policy of {} (id {}) not fetched, {}: {}", domain, id,
                "the policy stored before, if any, stays in force", e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<MtaStsPolicy> parsed(StoredPolicy stored) {
        try {
            return Optional.of(MtaStsPolicy.parse(stored.text()));
        } catch (InvalidPolicyException e) {
            // stored only once it parsed: another version's store row, at worst
            return Optional.empty();
        }
    }
}
