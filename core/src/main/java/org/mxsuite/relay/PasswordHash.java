package org.mxsuite.relay;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted, deliberately slow password hash (PBKDF2 with HMAC-SHA256, in the JDK), stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64): the clear password is never kept, and the iteration count
 * travels with each hash, so that it can be raised without invalidating stored passwords (a hash of fewer iterations
 * is replaced at the account's next successful login, {@link RelayClients}).
 */
public final class PasswordHash {
    static final String SCHEME = "pbkdf2-sha256";
    /**
     * OWASP's figure for PBKDF2-HMAC-SHA256 (2023). On the 2-core machine of bench/README.md one check took 0.26 to
     * 0.38 s of a core while other builds loaded it; logins stay affordable because a successful one is remembered for
     * a while ({@link VerifiedLogins}) and only so many checks run at once ({@link PasswordChecks}).
     */
    public static final int ITERATIONS = 600_000;
    /** The lengths a password set over WebAdmin may have (relay and panel accounts). */
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String encoded;

    private PasswordHash(String encoded) {
        this.encoded = encoded;
    }

    public static PasswordHash of(String password) {
        return of(password, ITERATIONS);
    }

    static PasswordHash of(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return new PasswordHash(SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
            + base64.encodeToString(derive(password, salt, iterations)));
    }

    /** @throws org.mxsuite.domain.InvalidSettingException when the password is shorter or longer than allowed */
    public static void requireAcceptable(String password) {
        if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw new org.mxsuite.domain.InvalidSettingException("password must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
    }

    /** A hash read back from a store. */
    public static PasswordHash parse(String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("not a password hash of scheme " + SCHEME);
        }
        return new PasswordHash(encoded);
    }

    public boolean matches(String password) {
        if (password == null) {
            return false;
        }
        String[] parts = encoded.split("\\$");
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] expected = base64.decode(parts[3]);
        byte[] actual = derive(password, base64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    public String encoded() {
        return encoded;
    }

    /** The iteration count this hash was made with. */
    public int iterations() {
        return Integer.parseInt(encoded.split("\\$")[1]);
    }

    /** Made with fewer iterations than {@link #ITERATIONS}: to be made again from the password at its next login. */
    public boolean isWeakerThanCurrent() {
        return iterations() < ITERATIONS;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 11 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return SCHEME + "$...";
    }
}
