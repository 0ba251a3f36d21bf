package org.mxsuite.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How mail is held and delivered for a {@code backup} or {@code relay} domain.
 * Defaults are the ones customers know from the hosted backup-MX offers (see docs).
 * Made with {@link #builder()} (or {@link #toBuilder()}): a setting left out keeps its default. A new setting is a
 * field here (with its builder method and accessor, and in {@link #values()}) and an entry in
 * {@link HostedDomainJson}'s table of settings.
 */
public final class HoldPolicy {
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(14);
    public static final long DEFAULT_QUOTA_MESSAGES = 100_000;
    public static final long DEFAULT_QUOTA_BYTES = 1L << 30;

    public static final Duration MIN_RETRY_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_RETRY_INTERVAL = Duration.ofDays(1);
    public static final Duration MIN_RETENTION = Duration.ofHours(1);
    public static final Duration MAX_RETENTION = Duration.ofDays(365);
    public static final long MAX_QUOTA_MESSAGES = 100_000_000;
    public static final long MIN_QUOTA_BYTES = 1L << 20;
    public static final long MAX_QUOTA_BYTES = 1L << 44;
    public static final int MAX_CONNECTIONS = 100;
    /** Messages per second: one every 10 s at the slowest, so that a connection never idles near a server's timeout. */
    public static final double MIN_RATE = 0.1;
    public static final double MAX_RATE = 10_000;

    public static final HoldPolicy DEFAULT = builder().build();

    /** Every setting at its default until set. */
    public static final class Builder {
        private Optional<Destination> destination = Optional.empty();
        private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
        private Optional<Duration> retention = Optional.of(DEFAULT_RETENTION);
        private long quotaMessages = DEFAULT_QUOTA_MESSAGES;
        private long quotaBytes = DEFAULT_QUOTA_BYTES;
        private boolean paused;
        private TlsPolicy tls = TlsPolicy.OPPORTUNISTIC;
        private Optional<String> tlsName = Optional.empty();
        private Optional<String> tlsCaFile = Optional.empty();
        private Set<String> tlsFingerprints = Set.of();
        private Optional<Set<String>> recipients = Optional.empty();
        private Optional<Integer> maxConnections = Optional.empty();
        private Optional<Double> maxRate = Optional.empty();
        private boolean verifyRecipients;

        private Builder() {
        }

        public Builder destination(Optional<Destination> destination) {
            this.destination = Objects.requireNonNull(destination);
            return this;
        }

        public Builder destination(Destination destination) {
            return destination(Optional.of(destination));
        }

        public Builder retryInterval(Duration retryInterval) {
            this.retryInterval = Objects.requireNonNull(retryInterval);
            return this;
        }

        /** Empty: never expire. */
        public Builder retention(Optional<Duration> retention) {
            this.retention = Objects.requireNonNull(retention);
            return this;
        }

        public Builder quotaMessages(long quotaMessages) {
            this.quotaMessages = quotaMessages;
            return this;
        }

        public Builder quotaBytes(long quotaBytes) {
            this.quotaBytes = quotaBytes;
            return this;
        }

        public Builder paused(boolean paused) {
            this.paused = paused;
            return this;
        }

        public Builder tls(TlsPolicy tls) {
            this.tls = Objects.requireNonNull(tls);
            return this;
        }

        /** The name the certificate must be valid for ({@code verify}); empty: the destination's or MX host's name. */
        public Builder tlsName(Optional<String> tlsName) {
            this.tlsName = Objects.requireNonNull(tlsName);
            return this;
        }

        /** The only CAs trusted for this domain ({@code verify}); empty: the server's trust anchors. */
        public Builder tlsCaFile(Optional<String> tlsCaFile) {
            this.tlsCaFile = Objects.requireNonNull(tlsCaFile);
            return this;
        }

        /** SHA-256 fingerprints of the certificates accepted ({@code fingerprint}), lower-case hex. */
        public Builder tlsFingerprints(Set<String> tlsFingerprints) {
            this.tlsFingerprints = Set.copyOf(tlsFingerprints);
            return this;
        }

        /** Empty: every address of the domain is accepted. */
        public Builder recipients(Optional<Set<String>> recipients) {
            this.recipients = recipients.map(Set::copyOf);
            return this;
        }

        public Builder recipients(Set<String> recipients) {
            return recipients(Optional.of(recipients));
        }

        /** Empty: as many as the server's {@code delivery.connectionsPerDomain}. */
        public Builder maxConnections(Optional<Integer> maxConnections) {
            this.maxConnections = Objects.requireNonNull(maxConnections);
            return this;
        }

        /** Messages per second to the destination; empty: as fast as it takes them. */
        public Builder maxRate(Optional<Double> maxRate) {
            this.maxRate = Objects.requireNonNull(maxRate);
            return this;
        }

        public Builder verifyRecipients(boolean verifyRecipients) {
            this.verifyRecipients = verifyRecipients;
            return this;
        }

        public HoldPolicy build() {
            if (tls == TlsPolicy.FINGERPRINT && tlsFingerprints.isEmpty()) {
                throw new InvalidSettingException("tls fingerprint needs tlsFingerprints: the SHA-256 fingerprints of the"
                    + " certificates the server may present");
            }
            return new HoldPolicy(this);
        }
    }

    private final Optional<Destination> destination;
    private final Duration retryInterval;
    private final Optional<Duration> retention;
    private final long quotaMessages;
    private final long quotaBytes;
    private final boolean paused;
    private final TlsPolicy tls;
    private final Optional<String> tlsName;
    private final Optional<String> tlsCaFile;
    private final Set<String> tlsFingerprints;
    private final Optional<Set<String>> recipients;
    private final Optional<Integer> maxConnections;
    private final Optional<Double> maxRate;
    private final boolean verifyRecipients;

    private HoldPolicy(Builder builder) {
        this.destination = builder.destination;
        this.retryInterval = builder.retryInterval;
        this.retention = builder.retention;
        this.quotaMessages = builder.quotaMessages;
        this.quotaBytes = builder.quotaBytes;
        this.paused = builder.paused;
        this.tls = builder.tls;
        this.tlsName = builder.tlsName;
        this.tlsCaFile = builder.tlsCaFile;
        this.tlsFingerprints = builder.tlsFingerprints;
        this.recipients = builder.recipients;
        this.maxConnections = builder.maxConnections;
        this.maxRate = builder.maxRate;
        this.verifyRecipients = builder.verifyRecipients;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return builder().destination(destination).retryInterval(retryInterval).retention(retention)
            .quotaMessages(quotaMessages).quotaBytes(quotaBytes).paused(paused).tls(tls).tlsName(tlsName).tlsCaFile(tlsCaFile)
            .tlsFingerprints(tlsFingerprints).recipients(recipients)
            .maxConnections(maxConnections).maxRate(maxRate)
            .verifyRecipients(verifyRecipients);
    }

    /** The customer's server; empty means "look up the domain's MX records" (backup only). */
    public Optional<Destination> destination() {
        return destination;
    }

    public Duration retryInterval() {
        return retryInterval;
    }

    /** How long held mail is retried before it is returned to its sender; empty means never expire. */
    public Optional<Duration> retention() {
        return retention;
    }

    public long quotaMessages() {
        return quotaMessages;
    }

    public long quotaBytes() {
        return quotaBytes;
    }

    /** Maintenance: hold everything, deliver nothing. */
    public boolean paused() {
        return paused;
    }

    public TlsPolicy tls() {
        return tls;
    }

    public Optional<String> tlsName() {
        return tlsName;
    }

    public Optional<String> tlsCaFile() {
        return tlsCaFile;
    }

    public Set<String> tlsFingerprints() {
        return tlsFingerprints;
    }

    /** Valid local parts or full addresses; empty means every address of the domain is accepted. */
    public Optional<Set<String>> recipients() {
        return recipients;
    }

    /** The most connections to the destination at once, over all nodes; empty: the server's per-node number. */
    public Optional<Integer> maxConnections() {
        return maxConnections;
    }

    /** The most messages per second to the destination, over all nodes; empty: no limit. */
    public Optional<Double> maxRate() {
        return maxRate;
    }

    /**
     * Whether each recipient is first asked of the customer's server at RCPT (recipient verification): off unless set,
     * since it makes this server talk to the customer's at every new address a sender tries.
     */
    public boolean verifyRecipients() {
        return verifyRecipients;
    }

    /**
     * Whether a connection opened for {@code other} is one these settings would open too (same destination, same
     * TLS): a connection whose settings changed is not used for another batch.
     */
    public boolean connectsAs(HoldPolicy other) {
        return destination.equals(other.destination) && tls == other.tls && tlsName.equals(other.tlsName)
            && tlsCaFile.equals(other.tlsCaFile) && tlsFingerprints.equals(other.tlsFingerprints);
    }

    /** Every setting, in one list: what {@link #equals} and {@link #hashCode} compare. */
    private List<Object> values() {
        return List.of(destination, retryInterval, retention, quotaMessages, quotaBytes, paused, tls, tlsName, tlsCaFile,
            tlsFingerprints, recipients,
            maxConnections, maxRate, verifyRecipients);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HoldPolicy && values().equals(((HoldPolicy) o).values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }
}
