package org.mxsuite.deliver.tls.mtasts;

import java.time.Instant;
import java.util.Objects;

/**
 * A fetched policy as kept between deliveries and nodes: the TXT id it was fetched under (a new id means a new policy
 * to fetch), its text (parsed again when read, so that the store keeps what the domain served), and until when it
 * may be used (fetched plus its max_age).
 */
public final class StoredPolicy {
    private final String id;
    private final String text;
    private final Instant fetched;
    private final Instant expires;

    public StoredPolicy(String id, String text, Instant fetched, Instant expires) {
        this.id = Objects.requireNonNull(id);
        this.text = Objects.requireNonNull(text);
        this.fetched = fetched;
        this.expires = expires;
    }

    public String id() {
        return id;
    }

    public String text() {
        return text;
    }

    public Instant fetched() {
        return fetched;
    }

    public Instant expires() {
        return expires;
    }

    public boolean isValidAt(Instant now) {
        return now.isBefore(expires);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StoredPolicy)) {
            return false;
        }
        StoredPolicy other = (StoredPolicy) o;
        return id.equals(other.id) && text.equals(other.text) && fetched.equals(other.fetched) && expires.equals(other.expires);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, text, fetched, expires);
    }

    @Override
    public String toString() {
        return "policy id " + id + " fetched " + fetched + ", valid until " + expires;
    }
}
