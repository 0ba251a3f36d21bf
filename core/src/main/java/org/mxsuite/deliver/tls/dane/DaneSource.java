package org.mxsuite.deliver.tls.dane;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mxsuite.deliver.tls.MxTlsSource;
import org.mxsuite.dns.DnsSettings;
import org.mxsuite.deliver.tls.TlsPolicyUnavailable;
import org.mxsuite.deliver.tls.TlsRequirement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DANE for SMTP (RFC 7672) for an MX host: when its address records and its TLSA records ({@code _25._tcp.<host>}) are
 * DNSSEC-validated, TLS is required and the certificate must match a usable record ({@link DanePeerCheck}); secure
 * TLSA records none of which is usable still require TLS, unauthenticated (RFC 7672 section 2.2). A host whose
 * address records are insecure, or whose TLSA records are insecure or securely absent, has no DANE: the domain's
 * setting applies. A failed or bogus TLSA lookup for a host with secure addresses holds the mail (4.7.5), as does a
 * failed or bogus address lookup (the host cannot be used safely).
 *
 * <p>The MX RRset itself is not validated here: RFC 7672 section 2.2.1 lets a client use the secure TLSA records of an
 * MX host it found through insecure MX records, and doing so protects the connection to that host at least.
 *
 * <p>Each host's decision is kept for the smallest TTL of the answers it rests on (at most {@code maxTtl}; failures
 * one minute), so that a drain to one domain makes a handful of TLSA lookups. When the configured resolver does not
 * give a validated key for the trust anchor's zone (it strips DNSSEC, or serves no such zone), no DNSSEC answer can be
 * told from a forged one: DANE then stays idle, said in a warning, until the key validates.
 */
public final class DaneSource implements MxTlsSource {
    private static final Logger LOGGER = LoggerFactory.getLogger(DaneSource.class);
    private static final int MAX_HOSTS = 10_000;
    private static final Duration MIN_TTL = Duration.ofSeconds(10);

    private final DnssecResolver dns;
    private final Clock clock;
    private final Duration maxTtl;
    private final Runnable tlsaLookupDone;
    private final Map<String, HostPolicy> hosts = new ConcurrentHashMap<>();
    private final HostPolicy anchors = new HostPolicy();

    /** One host's decision and until when it holds; its lock keeps concurrent deliveries to one lookup. */
    private static final class HostPolicy {
        private Optional<TlsRequirement> requirement = Optional.empty();
        private Optional<String> unavailable = Optional.empty();
        private Instant until = Instant.MIN;
    }

    /** @param tlsaLookupDone told of each TLSA lookup made (a metric) */
    public DaneSource(DnssecResolver dns, Duration maxTtl, Clock clock, Runnable tlsaLookupDone) {
        this.dns = dns;
        this.maxTtl = maxTtl;
        this.clock = clock;
        this.tlsaLookupDone = tlsaLookupDone;
    }

    /**
     * DANE as the settings say, asking {@code dns}'s servers: empty when {@code delivery.dane.enabled} is false.
     *
     * @throws IllegalStateException when the trust anchors hold no DS or DNSKEY record
     */
    public static Optional<MxTlsSource> configured(DaneSettings settings, DnsSettings dns, Runnable tlsaLookupDone) {
        if (!settings.enabled()) {
            LOGGER.info("DANE off (delivery.dane.enabled=false)");
            return Optional.empty();
        }
        try {
            DnssecResolver resolver = new DnssecResolver(dns.servers(), dns.timeout(), settings.trustAnchors());
            LOGGER.info("DANE on: DNSSEC validated from {} over {}", settings.anchorsSource(), dns.servers());
            return Optional.of(new DaneSource(resolver, dns.maxCacheTtl(), Clock.systemUTC(), tlsaLookupDone));
        } catch (IOException e) {
            throw new IllegalStateException("delivery.dane.trustAnchors (" + settings.anchorsSource() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<TlsRequirement> requirementFor(String domain, String mxHost) throws TlsPolicyUnavailable {
        if (!anchorsValidate()) {
            return Optional.empty();
        }
        if (hosts.size() > MAX_HOSTS) {
            Instant now = clock.instant();
            hosts.values().removeIf(policy -> !now.isBefore(policy.until));
            if (hosts.size() > MAX_HOSTS) {
                hosts.clear();
            }
        }
        HostPolicy policy = hosts.computeIfAbsent(mxHost, host -> new HostPolicy());
        synchronized (policy) {
            if (!clock.instant().isBefore(policy.until)) {
                decide(mxHost, policy);
            }
            if (policy.unavailable.isPresent()) {
                throw new TlsPolicyUnavailable(policy.unavailable.get());
            }
            return policy.requirement;
        }
    }

    /** Whether the trust anchor's zone key validates through the configured resolver (checked again when it expires). */
    private boolean anchorsValidate() {
        synchronized (anchors) {
            if (clock.instant().isBefore(anchors.until)) {
                return anchors.unavailable.isEmpty();
            }
            Duration ttl = maxTtl;
            List<String> problems = new ArrayList<>();
            for (Name zone : dns.anchorZones()) {
                ValidatedAnswer keys = dns.lookup(zone, Type.DNSKEY);
                ttl = shorter(ttl, keys.isSecure() ? keys.ttl() : DnssecResolver.NEGATIVE_TTL);
                if (!keys.isSecure()) {
                    problems.add("DNSKEY of " + zone + ": " + keys);
                }
            }
            boolean wasUsable = anchors.unavailable.isEmpty();
            anchors.unavailable = problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
            anchors.until = clock.instant().plus(atLeast(ttl));
            if (anchors.unavailable.isPresent() && wasUsable) {
                LOGGER.warn("DANE idle: the DNS servers give no DNSSEC-validated key for the trust anchor ({}); do they pass "
                    + "DNSSEC records (DO bit)?", anchors.unavailable.get());
            }
            return anchors.unavailable.isEmpty();
        }
    }

    private void decide(String host, HostPolicy policy) {
        String tlsaName = "_25._tcp." + host;
        policy.requirement = Optional.empty();
        policy.unavailable = Optional.empty();
        Name hostName;
        Name tlsaOwner;
        try {
            hostName = Name.fromString(host + ".");
            tlsaOwner = Name.fromString(tlsaName + ".");
        } catch (TextParseException e) {
            policy.until = clock.instant().plus(maxTtl);
            return;
        }
        ValidatedAnswer addresses = dns.lookup(hostName, Type.A);
        if (addresses.isSecure() && addresses.records().isEmpty()) {
            addresses = dns.lookup(hostName, Type.AAAA);
        }
        Duration ttl = shorter(maxTtl, addresses.ttl());
        if (addresses.security() == ValidatedAnswer.Security.BOGUS || addresses.security() == ValidatedAnswer.Security.FAILED) {
            policy.unavailable = Optional.of("DANE: the address records of " + host + " do not validate: " + addresses);
        } else if (addresses.isSecure()) {
            ValidatedAnswer tlsa = dns.lookup(tlsaOwner, Type.TLSA);
            tlsaLookupDone.run();
            ttl = shorter(ttl, tlsa.ttl());
            apply(tlsaName, host, tlsa, policy);
        }
        policy.until = clock.instant().plus(atLeast(ttl));
    }

    private void apply(String tlsaName, String host, ValidatedAnswer tlsa, HostPolicy policy) {
        String source = "DANE TLSA " + tlsaName;
        switch (tlsa.security()) {
            case SECURE:
                List<TlsaAssociation> usable = new ArrayList<>();
                for (Record record : tlsa.records()) {
                    TlsaAssociation association = TlsaAssociation.of((TLSARecord) record);
                    if (association.usable()) {
                        usable.add(association);
                    }
                }
                if (tlsa.records().isEmpty()) {
                    return;
                }
                policy.requirement = Optional.of(usable.isEmpty()
                    // RFC 7672 section 2.2: secure but unusable records still promise STARTTLS; nothing to authenticate with
                    ? TlsRequirement.encrypted(source + " (no usable record: TLS required, not authenticated)").withServerName(host)
                    : TlsRequirement.authenticated(source, new DanePeerCheck(tlsaName, usable, List.of(host), clock)).withServerName(host));
                return;
            case BOGUS:
            case FAILED:
                policy.unavailable = Optional.of(source + " lookup " + tlsa + ": " + host + " has DNSSEC-signed addresses");
                return;
            default:
                // insecure: no DANE
        }
    }

    /** A TTL of 0 (or a few seconds) would make each delivery a lookup. */
    private static Duration atLeast(Duration ttl) {
        return ttl.compareTo(MIN_TTL) < 0 ? MIN_TTL : ttl;
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
