package org.mxsuite.deliver.tls.dane;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;

import org.xbill.DNS.TLSARecord;

/**
 * One TLSA record (RFC 6698): which certificate of the chain it names (usage), what of it (selector: the whole
 * certificate or its public key) and how (matching type: in full, SHA-256, SHA-512).
 */
public final class TlsaAssociation {
    public static final int PKIX_TA = 0;
    public static final int PKIX_EE = 1;
    public static final int DANE_TA = 2;
    public static final int DANE_EE = 3;
    private static final int SELECTOR_CERTIFICATE = 0;
    private static final int SELECTOR_PUBLIC_KEY = 1;
    private static final int MATCH_FULL = 0;
    private static final int MATCH_SHA256 = 1;
    private static final int MATCH_SHA512 = 2;

    private final int usage;
    private final int selector;
    private final int matchingType;
    private final byte[] data;

    public TlsaAssociation(int usage, int selector, int matchingType, byte[] data) {
        this.usage = usage;
        this.selector = selector;
        this.matchingType = matchingType;
        this.data = data.clone();
    }

    public static TlsaAssociation of(TLSARecord record) {
        return new TlsaAssociation(record.getCertificateUsage(), record.getSelector(), record.getMatchingType(),
            record.getCertificateAssociationData());
    }

    public int usage() {
        return usage;
    }

    public int selector() {
        return selector;
    }

    public int matchingType() {
        return matchingType;
    }

    /** The certificate association data: a DER encoding (matching type 0) or a digest. */
    public byte[] data() {
        return data.clone();
    }

    /**
     * Whether SMTP may use it (RFC 7672 section 3.1.3): DANE-TA(2) or DANE-EE(3), a known selector and matching type,
     * and a digest of its algorithm's length. PKIX-TA(0) and PKIX-EE(1) are not: an MTA has no agreed set of CAs.
     */
    public boolean usable() {
        if (usage != DANE_TA && usage != DANE_EE) {
            return false;
        }
        if (selector != SELECTOR_CERTIFICATE && selector != SELECTOR_PUBLIC_KEY) {
            return false;
        }
        switch (matchingType) {
            case MATCH_FULL:
                return data.length > 0;
            case MATCH_SHA256:
                return data.length == 32;
            case MATCH_SHA512:
                return data.length == 64;
            default:
                return false;
        }
    }

    /** The record naming {@code certificate} with this selector and matching type: what its server would publish. */
    public static TlsaAssociation naming(int usage, int selector, int matchingType, X509Certificate certificate) {
        return new TlsaAssociation(usage, selector, matchingType, associationData(selector, matchingType, certificate));
    }

    /** Whether {@code certificate} is the one this record names (selector and matching type applied). */
    public boolean matches(X509Certificate certificate) {
        byte[] actual = associationData(selector, matchingType, certificate);
        return actual.length > 0 && MessageDigest.isEqual(actual, data);
    }

    /** The certificate's (selector 0) or its public key's (1) DER, in full (matching type 0) or digested; empty when unknown. */
    private static byte[] associationData(int selector, int matchingType, X509Certificate certificate) {
        byte[] selected;
        try {
            selected = selector == SELECTOR_PUBLIC_KEY ? certificate.getPublicKey().getEncoded() : certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            return new byte[0];
        }
        switch (matchingType) {
            case MATCH_FULL:
                return selected;
            case MATCH_SHA256:
                return digest("SHA-256", selected);
            case MATCH_SHA512:
                return digest("SHA-512", selected);
            default:
                return new byte[0];
        }
    }

    private static byte[] digest(String algorithm, byte[] input) {
        try {
            return MessageDigest.getInstance(algorithm).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "3 1 1 ab12...", as in a zone file (data shortened past 16 hex digits). */
    @Override
    public String toString() {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, data.length); i++) {
            hex.append(String.format(Locale.ROOT, "%02x", data[i]));
        }
        return usage + " " + selector + " " + matchingType + " " + hex + (data.length > 8 ? "..." : "");
    }
}
