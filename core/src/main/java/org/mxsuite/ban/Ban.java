package org.mxsuite.ban;

import java.time.Instant;
import java.util.Objects;

/** An address, network or user name refused on every protocol until {@link #expiresAt()}. */
public final class Ban {
    private final BanSubject subject;
    private final String reason;
    private final int failures;
    private final Instant bannedAt;
    private final Instant expiresAt;

    public Ban(BanSubject subject, String reason, int failures, Instant bannedAt, Instant expiresAt) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.failures = failures;
        this.bannedAt = Objects.requireNonNull(bannedAt, "bannedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public BanSubject subject() {
        return subject;
    }

    public String reason() {
        return reason;
    }

    /** Failed logins that caused the ban; 0 for a ban set by hand. */
    public int failures() {
        return failures;
    }

    public Instant bannedAt() {
        return bannedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Ban)) {
            return false;
        }
        Ban other = (Ban) o;
        return subject.equals(other.subject) && reason.equals(other.reason) && failures == other.failures
            && bannedAt.equals(other.bannedAt) && expiresAt.equals(other.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, reason, failures, bannedAt, expiresAt);
    }

    @Override
    public String toString() {
        return "Ban{" + subject + ", " + reason + ", failures=" + failures + ", until " + expiresAt + "}";
    }
}
