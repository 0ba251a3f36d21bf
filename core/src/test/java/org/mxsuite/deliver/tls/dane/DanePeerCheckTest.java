package org.mxsuite.deliver.tls.dane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.deliver.tls.dane.TlsaAssociation.DANE_EE;
import static org.mxsuite.deliver.tls.dane.TlsaAssociation.DANE_TA;
import static org.mxsuite.deliver.tls.dane.TlsaAssociation.PKIX_EE;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mxsuite.deliver.tls.TestCertificates;
import org.mxsuite.deliver.tls.TestCertificates.Issued;

/** TLSA matching (RFC 6698, RFC 7672 section 3.1) without a server: usages 2 and 3, selectors 0 and 1, matching types 0-2. */
class DanePeerCheckTest {
    private static final String HOST = "mx.dane.example";
    private static final Issued CA = TestCertificates.authority("Test CA");
    private static final Issued INTERMEDIATE = TestCertificates.intermediate(CA, "Test Intermediate");
    private static final Issued LEAF = TestCertificates.leaf(INTERMEDIATE, HOST);
    private static final X509Certificate[] CHAIN = {LEAF.certificate(), INTERMEDIATE.certificate(), CA.certificate()};

    @Test
    void daneEeMatchesTheLeafWithEverySelectorAndMatchingType() {
        for (int selector = 0; selector <= 1; selector++) {
            for (int matching = 0; matching <= 2; matching++) {
                TlsaAssociation record = TlsaAssociation.naming(DANE_EE, selector, matching, LEAF.certificate());
                assertThat(record.usable()).isTrue();
                assertThat(check(record).problem(CHAIN)).as(record.toString()).isEmpty();
            }
        }
    }

    @Test
    void daneEeIgnoresNameAndDates() {
        Issued expiredElsewhere = TestCertificates.selfSigned(Instant.now().minus(Duration.ofDays(30)),
            Instant.now().minus(Duration.ofDays(1)), "other.example");
        TlsaAssociation record = TlsaAssociation.naming(DANE_EE, 1, 1, expiredElsewhere.certificate());

        assertThat(check(record).problem(new X509Certificate[] {expiredElsewhere.certificate()})).isEmpty();
    }

    @Test
    void daneEeOfAnotherCertificateOrOfTheIssuerDoesNotMatch() {
        Issued other = TestCertificates.leaf(CA, HOST);
        assertThat(check(TlsaAssociation.naming(DANE_EE, 1, 1, other.certificate())).problem(CHAIN).orElseThrow())
            .contains("matches no TLSA record of _25._tcp." + HOST).contains("3 1 1");
        // EE names the leaf only
        assertThat(check(TlsaAssociation.naming(DANE_EE, 0, 1, CA.certificate())).problem(CHAIN)).isPresent();
    }

    @Test
    void daneTaMatchesTheRootOrAnIntermediateOfTheChain() {
        for (Issued anchor : List.of(CA, INTERMEDIATE)) {
            for (int selector = 0; selector <= 1; selector++) {
                for (int matching = 0; matching <= 2; matching++) {
                    TlsaAssociation record = TlsaAssociation.naming(DANE_TA, selector, matching, anchor.certificate());
                    assertThat(check(record).problem(CHAIN)).as(record.toString()).isEmpty();
                }
            }
        }
    }

    @Test
    void daneTaWholeKeyAnchorsAChainThatLeavesItsCertificateOut() {
        TlsaAssociation record = TlsaAssociation.naming(DANE_TA, 1, 0, CA.certificate());

        assertThat(check(record).problem(new X509Certificate[] {LEAF.certificate(), INTERMEDIATE.certificate()})).isEmpty();
    }

    @Test
    void daneTaNeedsTheLeafValidForTheMxHost() {
        Issued wrongName = TestCertificates.leaf(CA, "other.example");
        TlsaAssociation record = TlsaAssociation.naming(DANE_TA, 0, 1, CA.certificate());

        assertThat(check(record).problem(new X509Certificate[] {wrongName.certificate(), CA.certificate()}).orElseThrow())
            .contains("is for [other.example], not " + HOST);
    }

    @Test
    void daneTaChecksDates() {
        Issued expired = TestCertificates.leaf(CA, Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)), HOST);
        TlsaAssociation record = TlsaAssociation.naming(DANE_TA, 0, 1, CA.certificate());

        assertThat(check(record).problem(new X509Certificate[] {expired.certificate(), CA.certificate()}).orElseThrow())
            .contains("does not validate");
    }

    @Test
    void daneTaRejectsALeafTheAnchorDidNotSign() {
        Issued elsewhere = TestCertificates.leaf(TestCertificates.authority("Other CA"), HOST);
        TlsaAssociation record = TlsaAssociation.naming(DANE_TA, 0, 1, CA.certificate());

        // the anchor sent along, but it signed nothing of this chain
        assertThat(check(record).problem(new X509Certificate[] {elsewhere.certificate(), CA.certificate()})).isPresent();
    }

    @Test
    void oneMatchingRecordOfSeveralIsEnough() {
        DanePeerCheck check = new DanePeerCheck("_25._tcp." + HOST, List.of(
            TlsaAssociation.naming(DANE_EE, 1, 1, CA.certificate()),
            TlsaAssociation.naming(DANE_EE, 1, 2, LEAF.certificate())), List.of(HOST), Clock.systemUTC());

        assertThat(check.problem(CHAIN)).isEmpty();
    }

    @Test
    void pkixUsagesUnknownParametersAndWrongDigestLengthsAreUnusable() {
        assertThat(TlsaAssociation.naming(PKIX_EE, 1, 1, LEAF.certificate()).usable()).isFalse();
        assertThat(TlsaAssociation.naming(0, 0, 1, CA.certificate()).usable()).isFalse();
        assertThat(new TlsaAssociation(DANE_EE, 2, 1, new byte[32]).usable()).isFalse();
        assertThat(new TlsaAssociation(DANE_EE, 1, 3, new byte[32]).usable()).isFalse();
        assertThat(new TlsaAssociation(DANE_EE, 1, 1, new byte[20]).usable()).isFalse();
        assertThat(new TlsaAssociation(DANE_EE, 1, 2, new byte[64]).usable()).isTrue();
    }

    @Test
    void daneTaDatesAreThoseOfTheClock() {
        TlsaAssociation record = TlsaAssociation.naming(DANE_TA, 0, 1, CA.certificate());
        Clock nextDecade = Clock.fixed(Instant.now().plus(Duration.ofDays(3650)), ZoneOffset.UTC);

        assertThat(new DanePeerCheck("_25._tcp." + HOST, List.of(record), List.of(HOST), nextDecade).problem(CHAIN)).isPresent();
    }

    @Test
    void noCertificateIsAProblem() {
        assertThat(check(TlsaAssociation.naming(DANE_EE, 1, 1, LEAF.certificate())).problem(new X509Certificate[0]))
            .contains("the server sent no certificate");
    }

    private static DanePeerCheck check(TlsaAssociation record) {
        return new DanePeerCheck("_25._tcp." + HOST, List.of(record), List.of(HOST), Clock.systemUTC());
    }
}
