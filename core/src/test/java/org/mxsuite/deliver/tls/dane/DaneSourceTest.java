package org.mxsuite.deliver.tls.dane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mxsuite.deliver.tls.dane.TlsaAssociation.DANE_EE;
import static org.mxsuite.deliver.tls.dane.TlsaAssociation.PKIX_EE;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.deliver.tls.TestCertificates;
import org.mxsuite.deliver.tls.TestCertificates.Issued;
import org.mxsuite.deliver.tls.TlsPolicyUnavailable;
import org.mxsuite.deliver.tls.TlsRequirement;
import org.mxsuite.dns.SignedZone;
import org.mxsuite.dns.TestDnsServer;
import org.mxsuite.testing.MutableClock;
import org.xbill.DNS.Type;

/**
 * DANE's decision per MX host from real DNSSEC answers: a signed zone served by the test DNS server on a free port,
 * validated by dnsjava's validating resolver from the zone's DS as trust anchor.
 */
class DaneSourceTest {
    private static final Issued LEAF = TestCertificates.selfSigned(java.time.Instant.now().minusSeconds(60),
        java.time.Instant.now().plus(Duration.ofDays(30)), "mx.dane.example");
    private static TestDnsServer dns;
    private static SignedZone zone;
    private final AtomicInteger tlsaLookups = new AtomicInteger();
    private DaneSource dane;

    @BeforeAll
    static void serveZones() throws Exception {
        zone = SignedZone.create("dane.example")
            .a("mx.dane.example", "127.0.0.2")
            .tlsa("mx.dane.example", DANE_EE, 1, 1, TlsaAssociation.naming(DANE_EE, 1, 1, LEAF.certificate()).data())
            .a("notlsa.dane.example", "127.0.0.2")
            .a("pkix.dane.example", "127.0.0.2")
            .tlsa("pkix.dane.example", PKIX_EE, 1, 1, TlsaAssociation.naming(PKIX_EE, 1, 1, LEAF.certificate()).data())
            .a("bogus.dane.example", "127.0.0.2")
            .tlsa("bogus.dane.example", DANE_EE, 1, 1, TlsaAssociation.naming(DANE_EE, 1, 1, LEAF.certificate()).data())
            .badSignature("_25._tcp.bogus.dane.example", Type.TLSA)
            .a("forged.dane.example", "127.0.0.2")
            .badSignature("forged.dane.example", Type.A)
            .a("failing.dane.example", "127.0.0.2")
            .a("v6.dane.example", "::1")
            .tlsa("v6.dane.example", DANE_EE, 1, 1, TlsaAssociation.naming(DANE_EE, 1, 1, LEAF.certificate()).data());
        dns = TestDnsServer.start().signed(zone)
            .a("mx.plain.example", "127.0.0.2")
            .servfail("_25._tcp.failing.dane.example");
        dns.add(new org.xbill.DNS.TLSARecord(TestDnsServer.name("_25._tcp.mx.plain.example"), org.xbill.DNS.DClass.IN, 60,
            DANE_EE, 1, 1, TlsaAssociation.naming(DANE_EE, 1, 1, LEAF.certificate()).data()));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        dane = source(zone.trustAnchor());
    }

    @Test
    void secureDaneEeRecordsRequireAMatchingCertificate() throws Exception {
        TlsRequirement requirement = dane.requirementFor("dane.example", "mx.dane.example").orElseThrow();

        assertThat(requirement.level()).isEqualTo(TlsRequirement.Level.AUTHENTICATED);
        assertThat(requirement.source()).isEqualTo("DANE TLSA _25._tcp.mx.dane.example");
        assertThat(requirement.serverName()).contains("mx.dane.example");
        assertThat(requirement.check().orElseThrow().problem(new java.security.cert.X509Certificate[] {LEAF.certificate()})).isEmpty();
        Issued other = TestCertificates.selfSigned(java.time.Instant.now(), java.time.Instant.now().plusSeconds(3600), "mx.dane.example");
        assertThat(requirement.check().orElseThrow().problem(new java.security.cert.X509Certificate[] {other.certificate()})).isPresent();
    }

    @Test
    void aHostWithSecureAaaaRecordsOnlyIsCoveredToo() throws Exception {
        assertThat(dane.requirementFor("dane.example", "v6.dane.example").orElseThrow().level())
            .isEqualTo(TlsRequirement.Level.AUTHENTICATED);
    }

    @Test
    void theZonesDnskeyServesAsTrustAnchorToo() throws Exception {
        assertThat(source(zone.trustAnchorKey()).requirementFor("dane.example", "mx.dane.example")).isPresent();
    }

    @Test
    void aSecureDenialOfTlsaChangesNothing() throws Exception {
        assertThat(dane.requirementFor("dane.example", "notlsa.dane.example")).isEmpty();
        assertThat(tlsaLookups).hasValue(1);
    }

    @Test
    void tlsaOfAnUnsignedZoneChangeNothing() throws Exception {
        assertThat(dane.requirementFor("plain.example", "mx.plain.example")).isEmpty();
        // insecure addresses: no TLSA lookup at all (RFC 7672 section 2.2.2)
        assertThat(tlsaLookups).hasValue(0);
    }

    @Test
    void onlyUnusableRecordsStillRequireTls() throws Exception {
        TlsRequirement requirement = dane.requirementFor("dane.example", "pkix.dane.example").orElseThrow();

        assertThat(requirement.level()).isEqualTo(TlsRequirement.Level.ENCRYPTED);
        assertThat(requirement.allowsPlainText()).isFalse();
        assertThat(requirement.source()).contains("DANE TLSA _25._tcp.pkix.dane.example").contains("no usable record");
    }

    @Test
    void aBogusTlsaAnswerHoldsTheMail() {
        assertThatThrownBy(() -> dane.requirementFor("dane.example", "bogus.dane.example"))
            .isInstanceOf(TlsPolicyUnavailable.class)
            .hasMessageContaining("DANE TLSA _25._tcp.bogus.dane.example lookup bogus (Positive response has failed ANSWER rrset)");
    }

    @Test
    void aFailedTlsaLookupOfASecureHostHoldsTheMail() {
        assertThatThrownBy(() -> dane.requirementFor("dane.example", "failing.dane.example"))
            .isInstanceOf(TlsPolicyUnavailable.class)
            .hasMessageContaining("DANE TLSA _25._tcp.failing.dane.example lookup failed (SERVFAIL)");
    }

    @Test
    void bogusAddressRecordsHoldTheMail() {
        assertThatThrownBy(() -> dane.requirementFor("dane.example", "forged.dane.example"))
            .isInstanceOf(TlsPolicyUnavailable.class)
            .hasMessageContaining("address records of forged.dane.example do not validate");
    }

    @Test
    void eachHostIsLookedUpOncePerTtl() throws Exception {
        for (int i = 0; i < 500; i++) {
            dane.requirementFor("dane.example", "mx.dane.example");
            dane.requirementFor("dane.example", "notlsa.dane.example");
        }

        assertThat(tlsaLookups).hasValue(2);
    }

    @Test
    void aDecisionExpiresWithItsTtl() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.now());
        DaneSource timed = new DaneSource(resolver(zone.trustAnchor()), Duration.ofHours(1), clock, tlsaLookups::incrementAndGet);

        timed.requirementFor("dane.example", "mx.dane.example");
        clock.advance(Duration.ofSeconds(SignedZone.TTL - 1));
        timed.requirementFor("dane.example", "mx.dane.example");
        assertThat(tlsaLookups).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(timed.requirementFor("dane.example", "mx.dane.example")).isPresent();
        assertThat(tlsaLookups).hasValue(2);
    }

    @Test
    void aResolverWithoutTheAnchorsKeyLeavesDaneIdle() throws Exception {
        DaneSource rooted = source(DaneSettings.ROOT_TRUST_ANCHOR);

        // the test server has no root zone: no validated key, so no answer can be trusted or distrusted
        assertThat(rooted.requirementFor("dane.example", "mx.dane.example")).isEmpty();
        assertThat(rooted.requirementFor("dane.example", "bogus.dane.example")).isEmpty();
        assertThat(tlsaLookups).hasValue(0);
    }

    private DaneSource source(String anchors) throws Exception {
        return new DaneSource(resolver(anchors), Duration.ofHours(1), Clock.systemUTC(), tlsaLookups::incrementAndGet);
    }

    private static DnssecResolver resolver(String anchors) throws Exception {
        return new DnssecResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofSeconds(2), anchors);
    }
}
