package org.mxsuite.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Makes DKIM-Signature fields (RFC 6376 5) with relaxed/relaxed canonicalisation, one per key, over one body hash.
 * The fields signed are those of RFC 6376 5.4.1's list that the message has, each as many times as it occurs, and
 * From once more, so that a From added on the way breaks the signature (5.4.2: a name listed past its occurrences
 * signs their absence).
 */
public final class DkimSigner {
    /** RFC 6376 5.4.1's recommendation, with the MIME fields that say how to read the body. */
    static final List<String> SIGNED_FIELDS = List.of("from", "reply-to", "subject", "date", "to", "cc", "message-id",
        "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding", "resent-date",
        "resent-from", "resent-sender", "resent-to", "resent-cc", "resent-message-id", "sender", "list-id", "list-help",
        "list-unsubscribe", "list-subscribe", "list-post", "list-owner", "list-archive");

    public static final String FIELD_NAME = "DKIM-Signature";

    private DkimSigner() {
    }

    /**
     * The values of the DKIM-Signature fields to add to a message of these header fields (as written, folded or
     * not, without their line end) and this body, one per key: all keys must be of one domain.
     */
    public static List<String> sign(List<String> headerFields, InputStream body, List<DkimKey> keys, Instant now) throws IOException {
        if (keys.isEmpty()) {
            return List.of();
        }
        MessageDigest bodyDigest = sha256();
        RelaxedCanonicalization.body(body, bodyDigest);
        String bodyHash = Base64.getEncoder().encodeToString(bodyDigest.digest());

        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (String field : headerFields) {
            int colon = field.indexOf(':');
            if (colon > 0) {
                byName.computeIfAbsent(field.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(field);
            }
        }
        StringBuilder signedNames = new StringBuilder();
        StringBuilder signedFields = new StringBuilder();
        for (String name : SIGNED_FIELDS) {
            List<String> occurrences = byName.getOrDefault(name, List.of());
            // the last occurrence first (5.4.2), as a verifier takes them
            for (int i = occurrences.size() - 1; i >= 0; i--) {
                signedNames.append(signedNames.length() == 0 ? "" : ":").append(name);
                signedFields.append(RelaxedCanonicalization.header(occurrences.get(i)));
            }
            if (name.equals("from")) {
                signedNames.append(":from");
            }
        }

        List<String> signatures = new ArrayList<>();
        for (DkimKey key : keys) {
            String unsigned = "v=1; a=" + key.algorithm().signatureTag() + "; c=relaxed/relaxed; d=" + key.domain().asString()
                + "; s=" + key.selector() + "; t=" + now.getEpochSecond() + ";\r\n\th=" + signedNames
                + ";\r\n\tbh=" + bodyHash + ";\r\n\tb=";
            // the field itself, with b= empty and without its CRLF, ends what is signed (3.7)
            String canonical = RelaxedCanonicalization.header(FIELD_NAME + ": " + unsigned);
            byte[] data = (signedFields + canonical.substring(0, canonical.length() - 2)).getBytes(StandardCharsets.UTF_8);
            signatures.add(unsigned + Base64.getEncoder().encodeToString(signature(key, data)));
        }
        return signatures;
    }

    private static byte[] signature(DkimKey key, byte[] data) {
        switch (key.algorithm()) {
            case ED25519:
                // RFC 8463 3: PureEdDSA over the SHA-256 hash of the data
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, new Ed25519PrivateKeyParameters(key.privateKey(), 0));
                byte[] hash = sha256().digest(data);
                signer.update(hash, 0, hash.length);
                return signer.generateSignature();
            case RSA:
            default:
                try {
                    Signature rsa = Signature.getInstance("SHA256withRSA");
                    rsa.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(key.privateKey())));
                    rsa.update(data);
                    return rsa.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot sign with " + key, e);
                }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
