package org.mxsuite.deliver.tls.dane;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.mxsuite.deliver.tls.CertificateNames;
import org.mxsuite.deliver.tls.PeerCheck;

/**
 * A server's chain checked against the usable TLSA records of its host (RFC 7672 section 3.1, RFC 7671): a DANE-EE(3)
 * record must match the leaf, and nothing else is checked (no name, no dates: the record is the authentication); a
 * DANE-TA(2) record must match a certificate of the chain (or, selector 1 in full, the key that signed its last one),
 * which then anchors a PKIX validation of the chain below it (signatures, dates, CA constraints), and the leaf must be
 * valid for the MX host's name. One matching record is enough.
 */
public final class DanePeerCheck implements PeerCheck {
    private final String tlsaName;
    private final List<TlsaAssociation> records;
    private final List<String> names;
    private final Clock clock;

    /**
     * @param tlsaName {@code _25._tcp.mx.example.com}, for messages
     * @param records the usable records (see {@link TlsaAssociation#usable()})
     * @param names the names a DANE-TA-validated leaf must be valid for: the MX host (which is the TLSA base domain)
     */
    public DanePeerCheck(String tlsaName, List<TlsaAssociation> records, List<String> names, Clock clock) {
        this.tlsaName = tlsaName;
        this.records = List.copyOf(records);
        this.names = List.copyOf(names);
        this.clock = clock;
    }

    @Override
    public Optional<String> problem(X509Certificate[] chain) {
        if (chain.length == 0) {
            return Optional.of("the server sent no certificate");
        }
        List<String> taProblems = new ArrayList<>();
        for (TlsaAssociation record : records) {
            if (record.usage() == TlsaAssociation.DANE_EE && record.matches(chain[0])) {
                return Optional.empty();
            }
            if (record.usage() == TlsaAssociation.DANE_TA) {
                Optional<String> problem = viaTrustAnchor(record, chain);
                if (problem.isEmpty()) {
                    return Optional.empty();
                }
                taProblems.add(problem.get());
            }
        }
        String leaf = "certificate '" + chain[0].getSubjectX500Principal().getName() + "'";
        String found = taProblems.stream().filter(problem -> !problem.isEmpty()).collect(Collectors.joining("; "));
        return Optional.of(found.isEmpty()
            ? leaf + " matches no TLSA record of " + tlsaName + " " + records
            : leaf + ": " + found);
    }

    /** Empty when {@code record} anchors the chain; "" when it names none of its certificates; else why not. */
    private Optional<String> viaTrustAnchor(TlsaAssociation record, X509Certificate[] chain) {
        for (int index = 1; index < chain.length; index++) {
            if (record.matches(chain[index])) {
                return validated(chain, index, new TrustAnchor(chain[index], null), record);
            }
        }
        Optional<PublicKey> key = publicKeyOf(record, chain[chain.length - 1]);
        if (key.isPresent()) {
            return validated(chain, chain.length,
                new TrustAnchor(chain[chain.length - 1].getIssuerX500Principal(), key.get(), null), record);
        }
        return Optional.of("");
    }

    /** The whole key a "2 1 0" record holds, when it is of the algorithm that signed the chain's last certificate. */
    private static Optional<PublicKey> publicKeyOf(TlsaAssociation record, X509Certificate last) {
        if (record.selector() != 1 || record.matchingType() != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyFactory.getInstance(last.getPublicKey().getAlgorithm())
                .generatePublic(new X509EncodedKeySpec(record.data())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<String> validated(X509Certificate[] chain, int anchorIndex, TrustAnchor anchor, TlsaAssociation record) {
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(Arrays.asList(chain).subList(0, anchorIndex));
            PKIXParameters parameters = new PKIXParameters(Set.of(anchor));
            // DANE replaces the CA's revocation service as well as the CA: no CRL or OCSP fetch during delivery
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (GeneralSecurityException e) {
            return Optional.of("chain to the DANE-TA record " + record + " does not validate: " + e.getMessage());
        }
        if (names.stream().noneMatch(name -> CertificateNames.matches(chain[0], name))) {
            return Optional.of("chain leads to the DANE-TA record " + record + " but the certificate is for "
                + CertificateNames.of(chain[0]) + ", not " + String.join(" or ", names));
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "certificate matches a DNSSEC-validated TLSA record of " + tlsaName + " " + records;
    }
}
