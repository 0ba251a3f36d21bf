package org.mxsuite.dnsbl;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;

/** A network on the internal blocklist: why (shown to the client), until when (none: until removed), since when. */
public final class LocalBlocklistEntry {
    public static final int MAX_REASON_LENGTH = 200;

    private final Cidr network;
    private final Optional<String> reason;
    private final Optional<Instant> expires;
    private final Instant added;

    public LocalBlocklistEntry(Cidr network, Optional<String> reason, Optional<Instant> expires, Instant added) {
        this.network = Objects.requireNonNull(network);
        this.reason = reason.map(String::trim).filter(text -> !text.isEmpty());
        this.reason.ifPresent(LocalBlocklistEntry::checkReason);
        this.expires = expires;
        this.added = added;
    }

    /**
     * An entry as an administrator asks for it (WebAdmin, the panel): its expiry as an instant ({@code expires}, such
     * as 2026-12-01T00:00:00Z) or a duration from now ({@code expiresIn}, such as 7d), not both, and not in the past.
     *
     * @throws InvalidSettingException with the reason when something given is not allowed
     */
    public static LocalBlocklistEntry requested(Cidr network, Optional<String> reason, Optional<String> expires, Optional<String> expiresIn,
                                                Instant now) {
        if (expires.isPresent() && expiresIn.isPresent()) {
            throw new InvalidSettingException("give expires or expiresIn, not both");
        }
        Optional<Instant> until;
        try {
            until = expires.map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException("expires must be an instant such as 2026-12-01T00:00:00Z");
        }
        if (expiresIn.isPresent()) {
            until = Optional.of(now.plus(Durations.parse("expiresIn", expiresIn.get())));
        }
        if (until.isPresent() && !until.get().isAfter(now)) {
            throw new InvalidSettingException("expires is in the past");
        }
        return new LocalBlocklistEntry(network, reason, until, now);
    }

    /** The reason goes into an SMTP reply: one line of printable ASCII. */
    private static void checkReason(String reason) {
        if (reason.length() > MAX_REASON_LENGTH || !reason.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new InvalidSettingException("the reason must be printable ASCII on one line, at most " + MAX_REASON_LENGTH
                + " characters (it is shown to the refused client)");
        }
    }

    public Cidr network() {
        return network;
    }

    public Optional<String> reason() {
        return reason;
    }

    public Optional<Instant> expires() {
        return expires;
    }

    public Instant added() {
        return added;
    }

    public boolean isActiveAt(Instant now) {
        return expires.map(now::isBefore).orElse(true);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LocalBlocklistEntry)) {
            return false;
        }
        LocalBlocklistEntry other = (LocalBlocklistEntry) o;
        return network.equals(other.network) && reason.equals(other.reason) && expires.equals(other.expires) && added.equals(other.added);
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, reason, expires, added);
    }

    @Override
    public String toString() {
        return network + reason.map(text -> " (" + text + ")").orElse("") + expires.map(until -> " until " + until).orElse("");
    }
}
