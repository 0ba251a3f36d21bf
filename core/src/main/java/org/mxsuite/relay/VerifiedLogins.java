package org.mxsuite.relay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Logins that succeeded lately, so that a relay account's client that logs in for every connection pays the slow hash
 * once, not every time: what makes a costly hash affordable. A login is remembered until {@link #LIFETIME} passes
 * without it. Kept in memory only, as an HMAC (a key
 * drawn at start) of the account, its stored hash and the password, never the password; a new password (a new stored
 * hash) matches nothing remembered. At most {@link #MAX_ENTRIES}, the least recently used going first.
 */
final class VerifiedLogins {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 10_000;

    private final byte[] key = new byte[32];
    private final Clock clock;
    private final Map<String, Instant> verified = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_ENTRIES;
        }
    });

    VerifiedLogins(Clock clock) {
        new SecureRandom().nextBytes(key);
        this.clock = clock;
    }

    /** Whether this login succeeded lately; if so it is remembered for another {@link #LIFETIME}. */
    boolean contains(String fingerprint) {
        Instant now = clock.instant();
        Instant until = verified.get(fingerprint);
        if (until == null || !now.isBefore(until)) {
            return false;
        }
        verified.put(fingerprint, now.plus(LIFETIME));
        return true;
    }

    void remember(String fingerprint) {
        verified.put(fingerprint, clock.instant().plus(LIFETIME));
    }

    /** What identifies a login: an HMAC of the account, the hash it is checked against and the password. */
    String fingerprint(String account, PasswordHash stored, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(account.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(stored.encoded().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
