package org.mxsuite.dkim;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

import org.mxsuite.domain.DomainName;

/**
 * One signing key of a domain under its selector. A key is {@link State#PENDING} from its creation until DNS serves
 * its record (or the administrator activates it), then {@link State#ACTIVE}: mail is signed with it; a rotation
 * makes it {@link State#RETIRED}, no longer signing but still to be published for {@link DkimKeys#GRACE_PERIOD}.
 * The private key never leaves the state store but for signing: {@link #toString()} leaves it out.
 */
public final class DkimKey {
    /** A selector is one DNS label (RFC 6376 3.1: sub-domain). */
    private static final Pattern SELECTOR = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public enum State {
        PENDING, ACTIVE, RETIRED
    }

    private final DomainName domain;
    private final String selector;
    private final DkimAlgorithm algorithm;
    private final byte[] privateKey;
    private final byte[] publicKey;
    private final Instant created;
    private final State state;
    private final Instant stateChanged;

    /**
     * {@code privateKey}: PKCS#8 for RSA, the 32-byte seed for Ed25519; {@code publicKey}: as the DNS record gives it
     * in {@code p=} (X.509 SubjectPublicKeyInfo for RSA, the raw 32 bytes for Ed25519, RFC 8463 4).
     */
    public DkimKey(DomainName domain, String selector, DkimAlgorithm algorithm, byte[] privateKey, byte[] publicKey,
                   Instant created, State state, Instant stateChanged) {
        if (!isSelector(selector)) {
            throw new IllegalArgumentException("not a selector: " + selector);
        }
        this.domain = Objects.requireNonNull(domain);
        this.selector = selector;
        this.algorithm = Objects.requireNonNull(algorithm);
        this.privateKey = privateKey.clone();
        this.publicKey = publicKey.clone();
        this.created = created.truncatedTo(ChronoUnit.MILLIS);
        this.state = Objects.requireNonNull(state);
        // as the state store keeps them
        this.stateChanged = stateChanged.truncatedTo(ChronoUnit.MILLIS);
    }

    public static boolean isSelector(String selector) {
        return selector != null && SELECTOR.matcher(selector).matches();
    }

    public DkimKey withState(State newState, Instant at) {
        return new DkimKey(domain, selector, algorithm, privateKey, publicKey, created, newState, at);
    }

    public DomainName domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    byte[] privateKey() {
        return privateKey.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public Instant created() {
        return created;
    }

    public State state() {
        return state;
    }

    /** When the key became what {@link #state()} says. */
    public Instant stateChanged() {
        return stateChanged;
    }

    /** The name of the TXT record to publish. */
    public String recordName() {
        return selector + "._domainkey." + domain.asString();
    }

    /** The TXT record's text (RFC 6376 3.6.1). */
    public String recordValue() {
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64.getEncoder().encodeToString(publicKey);
    }

    /** Whether a published record's text carries this key: its {@code k=} (default rsa) and {@code p=}. */
    public boolean isPublishedBy(String text) {
        String keyType = "rsa";
        String published = null;
        for (String tag : text.split(";")) {
            int equals = tag.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = tag.substring(0, equals).trim();
            String value = tag.substring(equals + 1).replaceAll("\\s", "");
            if (name.equals("k")) {
                keyType = value;
            } else if (name.equals("p")) {
                published = value;
            }
        }
        return algorithm.keyType().equals(keyType) && Base64.getEncoder().encodeToString(publicKey).equals(published);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DkimKey)) {
            return false;
        }
        DkimKey other = (DkimKey) o;
        return domain.equals(other.domain) && selector.equals(other.selector) && algorithm == other.algorithm
            && Arrays.equals(privateKey, other.privateKey) && Arrays.equals(publicKey, other.publicKey)
            && created.equals(other.created) && state == other.state && stateChanged.equals(other.stateChanged);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, selector);
    }

    @Override
    public String toString() {
        return recordName() + " (" + algorithm.keyType() + ", " + state.name().toLowerCase() + ")";
    }
}
