package org.mxsuite.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How mail is held and delivered for a {@code backup} or {@code relay} domain.
 * Defaults are the ones customers know from the hosted backup-MX offers (see docs).
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

    public static final HoldPolicy DEFAULT = new HoldPolicy(Optional.empty(), DEFAULT_RETRY_INTERVAL,
        Optional.of(DEFAULT_RETENTION), DEFAULT_QUOTA_MESSAGES, DEFAULT_QUOTA_BYTES, false, TlsPolicy.OPPORTUNISTIC,
        Optional.empty());

    private final Optional<Destination> destination;
    private final Duration retryInterval;
    private final Optional<Duration> retention;
    private final long quotaMessages;
    private final long quotaBytes;
    private final boolean paused;
    private final TlsPolicy tls;
    private final Optional<Set<String>> recipients;

    public HoldPolicy(Optional<Destination> destination, Duration retryInterval, Optional<Duration> retention,
                      long quotaMessages, long quotaBytes, boolean paused, TlsPolicy tls,
                      Optional<Set<String>> recipients) {
        this.destination = Objects.requireNonNull(destination);
        this.retryInterval = Objects.requireNonNull(retryInterval);
        this.retention = Objects.requireNonNull(retention);
        this.quotaMessages = quotaMessages;
        this.quotaBytes = quotaBytes;
        this.paused = paused;
        this.tls = Objects.requireNonNull(tls);
        this.recipients = recipients.map(Set::copyOf);
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

    /** Valid local parts or full addresses; empty means every address of the domain is accepted. */
    public Optional<Set<String>> recipients() {
        return recipients;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HoldPolicy)) {
            return false;
        }
        HoldPolicy that = (HoldPolicy) o;
        return quotaMessages == that.quotaMessages && quotaBytes == that.quotaBytes && paused == that.paused
            && destination.equals(that.destination) && retryInterval.equals(that.retryInterval)
            && retention.equals(that.retention) && tls == that.tls && recipients.equals(that.recipients);
    }

    @Override
    public int hashCode() {
        return Objects.hash(destination, retryInterval, retention, quotaMessages, quotaBytes, paused, tls, recipients);
    }
}
