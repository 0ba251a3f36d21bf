package org.mxsuite.deliver.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerChecksTest {
    @TempDir
    static Path directory;
    static Path caFile;
    static TrustAnchors caOnly;
    static X509Certificate[] good;
    static X509Certificate[] expired;
    static X509Certificate[] selfSigned;
    static X509Certificate[] wildcard;
    static X509Certificate[] address;

    @BeforeAll
    static void certificates() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("MX Suite Test CA");
        caFile = TestCertificates.writePem(ca.certificate(), directory.resolve("ca.pem"));
        caOnly = TrustAnchors.only(caFile);
        good = chain(TestCertificates.leaf(ca, "mx.customer.example"), ca);
        Instant now = Instant.now();
        expired = chain(TestCertificates.leaf(ca, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(370)), "mx.customer.example"), ca);
        selfSigned = new X509Certificate[] {TestCertificates.selfSigned(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)),
            "mx.customer.example").certificate()};
        wildcard = chain(TestCertificates.leaf(ca, "*.customer.example"), ca);
        address = chain(TestCertificates.leaf(ca, "ip:127.0.0.1"), ca);
    }

    private static X509Certificate[] chain(TestCertificates.Issued leaf, TestCertificates.Issued ca) {
        return new X509Certificate[] {leaf.certificate(), ca.certificate()};
    }

    @Test
    void aCertificateOfATrustedCaForTheNameIsValid() {
        assertThat(PeerChecks.validFor(caOnly, List.of("mx.customer.example")).problem(good)).isEmpty();
        assertThat(PeerChecks.validFor(caOnly, List.of("MX.Customer.Example.")).problem(good)).isEmpty();
    }

    @Test
    void anotherNameIsRefusedWithTheNamesTheCertificateIsFor() {
        assertThat(PeerChecks.validFor(caOnly, List.of("mail.other.example")).problem(good))
            .hasValueSatisfying(problem -> assertThat(problem).contains("is for [mx.customer.example], not mail.other.example"));
    }

    @Test
    void anExpiredOrSelfSignedCertificateIsNotTrusted() {
        assertThat(PeerChecks.validFor(caOnly, List.of("mx.customer.example")).problem(expired))
            .hasValueSatisfying(problem -> assertThat(problem).contains("not trusted").containsIgnoringCase("expired"));
        assertThat(PeerChecks.validFor(caOnly, List.of("mx.customer.example")).problem(selfSigned))
            .hasValueSatisfying(problem -> assertThat(problem).contains("not trusted"));
    }

    @Test
    void theJvmStoreAloneDoesNotTrustATestCaAndTheServerCaFileAddsIt() {
        assertThat(PeerChecks.validFor(TrustAnchors.jvmDefault(Optional.empty()), List.of("mx.customer.example")).problem(good))
            .hasValueSatisfying(problem -> assertThat(problem).contains("not trusted (JVM trust store)"));
        assertThat(PeerChecks.validFor(TrustAnchors.jvmDefault(Optional.of(caFile)), List.of("mx.customer.example"))
            .problem(good)).isEmpty();
    }

    @Test
    void aWildcardCoversOneLeftMostLabelOnly() {
        assertThat(PeerChecks.validFor(caOnly, List.of("a.customer.example")).problem(wildcard)).isEmpty();
        assertThat(PeerChecks.validFor(caOnly, List.of("a.b.customer.example")).problem(wildcard)).isPresent();
        assertThat(PeerChecks.validFor(caOnly, List.of("customer.example")).problem(wildcard)).isPresent();
    }

    @Test
    void anAddressMatchesTheCertificatesAddressEntriesOnly() {
        assertThat(PeerChecks.validFor(caOnly, List.of("127.0.0.1")).problem(address)).isEmpty();
        assertThat(PeerChecks.validFor(caOnly, List.of("127.0.0.2")).problem(address)).isPresent();
        assertThat(PeerChecks.validFor(caOnly, List.of("127.0.0.1")).problem(good)).isPresent();
    }

    @Test
    void aPinnedFingerprintAcceptsThatCertificateOnlyWhoeverSignedIt() {
        PeerCheck pinned = PeerChecks.pinned(Set.of(PeerChecks.fingerprint(selfSigned[0])));

        assertThat(pinned.problem(selfSigned)).isEmpty();
        assertThat(pinned.problem(good)).hasValueSatisfying(problem -> assertThat(problem).contains("not a pinned one"));
        assertThat(pinned.problem(new X509Certificate[0])).hasValue("the server sent no certificate");
    }
}
