package org.mxsuite.dkim;

import java.util.Arrays;
import java.util.Optional;

/** The signing algorithms we make keys for: RSA 2048 with SHA-256 (RFC 6376) and Ed25519 with SHA-256 (RFC 8463). */
public enum DkimAlgorithm {
    RSA("rsa", "rsa-sha256"),
    ED25519("ed25519", "ed25519-sha256");

    private final String keyType;
    private final String signatureTag;

    DkimAlgorithm(String keyType, String signatureTag) {
        this.keyType = keyType;
        this.signatureTag = signatureTag;
    }

    /** The key type of the DNS record ({@code k=}), also the name the REST API uses. */
    public String keyType() {
        return keyType;
    }

    /** The {@code a=} tag of a signature. */
    public String signatureTag() {
        return signatureTag;
    }

    public static Optional<DkimAlgorithm> ofKeyType(String keyType) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.keyType.equals(keyType)).findFirst();
    }
}
