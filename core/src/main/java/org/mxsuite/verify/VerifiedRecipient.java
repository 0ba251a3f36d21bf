package org.mxsuite.verify;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import org.apache.james.core.MailAddress;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.LocalPart;

/**
 * What a domain's server answered when asked whether it takes an address, remembered until {@code expires}: accepted
 * (it said 2xx to RCPT) or refused (5xx), with its reply. Nothing else is remembered: no answer, or a 4xx, says
 * nothing of the address.
 */
public final class VerifiedRecipient {
    /** Longest reply kept: the customer's text goes into our own RCPT reply. */
    public static final int MAX_REPLY = 300;

    private final DomainName domain;
    private final String address;
    private final boolean accepted;
    private final String reply;
    private final Instant verified;
    private final Instant expires;

    public VerifiedRecipient(DomainName domain, String address, boolean accepted, String reply, Instant verified, Instant expires) {
        this.domain = Objects.requireNonNull(domain);
        this.address = Objects.requireNonNull(address);
        this.accepted = accepted;
        this.reply = printable(reply);
        this.verified = Objects.requireNonNull(verified);
        this.expires = Objects.requireNonNull(expires);
    }

    /**
     * The one form an address is remembered and looked up in: its local part as the domain's {@code recipients} list
     * compares it ({@link LocalPart#canonical}), at the domain in lower case.
     */
    public static String canonical(MailAddress address) {
        return LocalPart.canonical(address.getLocalPart()) + "@" + address.getDomain().asString().toLowerCase(Locale.ROOT);
    }

    /** Printable ASCII only, at most {@link #MAX_REPLY} characters: another server's text never breaks our replies. */
    static String printable(String text) {
        StringBuilder kept = new StringBuilder(Math.min(text.length(), MAX_REPLY));
        for (int i = 0; i < text.length() && kept.length() < MAX_REPLY; i++) {
            char c = text.charAt(i);
            kept.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        return kept.toString().trim();
    }

    public DomainName domain() {
        return domain;
    }

    /** The address, canonical ({@link #canonical}). */
    public String address() {
        return address;
    }

    public boolean accepted() {
        return accepted;
    }

    /** The server's reply to RCPT, code first ({@code 550 5.1.1 User unknown}). */
    public String reply() {
        return reply;
    }

    public Instant verified() {
        return verified;
    }

    public Instant expires() {
        return expires;
    }

    public boolean isFreshAt(Instant now) {
        return now.isBefore(expires);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VerifiedRecipient)) {
            return false;
        }
        VerifiedRecipient other = (VerifiedRecipient) o;
        return domain.equals(other.domain) && address.equals(other.address) && accepted == other.accepted
            && reply.equals(other.reply) && verified.equals(other.verified) && expires.equals(other.expires);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, address, accepted, reply, verified, expires);
    }

    @Override
    public String toString() {
        return address + " " + (accepted ? "accepted" : "refused") + " (" + reply + ") until " + expires;
    }
}
