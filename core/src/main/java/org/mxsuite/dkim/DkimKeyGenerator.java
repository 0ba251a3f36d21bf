package org.mxsuite.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.mxsuite.domain.DomainName;

/** Makes new key pairs: RSA 2048 by the JDK, Ed25519 by Bouncy Castle's lightweight API (the JDK has it from 15). */
public final class DkimKeyGenerator {
    static final int RSA_BITS = 2048;

    private final SecureRandom random = new SecureRandom();

    public DkimKey generate(DomainName domain, String selector, DkimAlgorithm algorithm, Instant now) {
        switch (algorithm) {
            case ED25519:
                Ed25519PrivateKeyParameters seed = new Ed25519PrivateKeyParameters(random);
                return new DkimKey(domain, selector, algorithm, seed.getEncoded(), seed.generatePublicKey().getEncoded(),
                    now, DkimKey.State.PENDING, now);
            case RSA:
            default:
                try {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(RSA_BITS, random);
                    KeyPair pair = generator.generateKeyPair();
                    return new DkimKey(domain, selector, algorithm, pair.getPrivate().getEncoded(), pair.getPublic().getEncoded(),
                        now, DkimKey.State.PENDING, now);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("this JDK cannot make RSA keys", e);
                }
        }
    }
}
