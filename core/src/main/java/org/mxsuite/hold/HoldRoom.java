package org.mxsuite.hold;

import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;

/**
 * Whether the hold queue has room for one more message for a destination domain: a backup or relay domain within its
 * own quota, any other domain within the external limits ({@link ExternalHoldLimits}), per domain and in all. Asked at
 * RCPT (with the size announced in SIZE=, if any) and at the end of DATA (with the real size), so that the sender keeps
 * what we could not hold and tries again later.
 */
@Singleton
public final class HoldRoom {
    /** Why there is no room: an RFC 3463 status (4.2.2 a full queue, 4.3.1 out of space) and the reason. */
    public static final class Shortage {
        private final String status;
        private final String reason;

        Shortage(String status, String reason) {
            this.status = status;
            this.reason = reason;
        }

        public String status() {
            return status;
        }

        public String reason() {
            return reason;
        }

        @Override
        public String toString() {
            return status + " " + reason;
        }
    }

    private final QueueUsageCache usage;
    private final HostedDomainStore domains;
    private final ExternalHoldLimits limits;

    @Inject
    public HoldRoom(QueueUsageCache usage, HostedDomainStore domains, ExternalHoldLimits limits) {
        this.usage = usage;
        this.domains = domains;
        this.limits = limits;
    }

    /** Empty when one more message of {@code bytes} can be held for {@code destination}. */
    public Optional<Shortage> forMessage(DomainName destination, long bytes) {
        Optional<HoldPolicy> hosted = domains.get(destination).filter(domain -> domain.service().holdsMail())
            .flatMap(HostedDomain::holdPolicy);
        QueueUsage held = usage.usage(destination);
        if (hosted.isPresent()) {
            if (held.messages() >= hosted.get().quotaMessages()) {
                return shortage("4.2.2", "the queue of " + destination + " is full (" + hosted.get().quotaMessages() + " messages)");
            }
            if (held.bytes() + bytes > hosted.get().quotaBytes()) {
                return shortage("4.3.1", "the queue of " + destination + " is out of space");
            }
            return Optional.empty();
        }
        if (held.messages() >= limits.perDomain().messages()) {
            return shortage("4.2.2", "too much mail is waiting for " + destination + " (" + limits.perDomain().messages() + " messages)");
        }
        if (held.bytes() + bytes > limits.perDomain().bytes()) {
            return shortage("4.3.1", "the queue for " + destination + " is out of space");
        }
        QueueUsage external = usage.total(this::isExternal);
        if (external.messages() >= limits.total().messages() || external.bytes() + bytes > limits.total().bytes()) {
            return shortage("4.3.1", "this server holds as much mail for other domains as it may");
        }
        return Optional.empty();
    }

    /** Domains of the queue without a quota of their own: all but backup and relay domains. */
    private boolean isExternal(DomainName domain) {
        return domains.get(domain).filter(hosted -> hosted.service().holdsMail()).isEmpty();
    }

    private static Optional<Shortage> shortage(String status, String reason) {
        return Optional.of(new Shortage(status, reason + "; try again later"));
    }
}
