package org.mxsuite.it.deliver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxsuite.deliver.tls.TestCertificates;
import org.mxsuite.deliver.tls.TestCertificates.Issued;
import org.mxsuite.deliver.tls.TrustAnchors;
import org.mxsuite.deliver.tls.mtasts.HttpsPolicyFetcher;
import org.mxsuite.deliver.tls.mtasts.PolicyFetchFailed;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.TestDnsServer;
import org.mxsuite.it.support.MtaStsPolicyServer;

/**
 * The policy fetch against a real HTTPS server on 127.0.0.1:443 whose name the suite's DNS client resolves (a DNS
 * server on a free port): the certificate must chain to a trusted authority and be valid for mta-sts.<domain>.
 * Binding port 443 needs root: elsewhere the class is skipped with that reason.
 */
class MtaStsPolicyFetchTest {
    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.good.example\r\nmax_age: 86400\r\n";
    private static final Issued CA = TestCertificates.authority("MTA-STS fetch test CA");

    @TempDir
    static Path directory;

    private static TestDnsServer dns;
    private static MtaStsPolicyServer policies;
    private static HttpsPolicyFetcher fetcher;

    @BeforeAll
    static void start() throws Exception {
        try {
            policies = MtaStsPolicyServer.onPort443(TestCertificates.serverContext(
                TestCertificates.leaf(CA, "mta-sts.good.example", "mta-sts.missing.example"), CA.certificate()));
        } catch (IOException e) {
            Assumptions.assumeTrue(false, "skipped: an HTTPS server on 127.0.0.1:443 needs root (" + e.getMessage() + ")");
        }
        policies.serve("good.example", POLICY);
        dns = TestDnsServer.start();
        dns.a("mta-sts.good.example", "127.0.0.1").a("mta-sts.missing.example", "127.0.0.1")
            .a("mta-sts.wrongname.example", "127.0.0.1");
        DnsResolver resolver = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofSeconds(2),
            Duration.ofHours(1), Clock.systemUTC());
        TrustAnchors anchors = TrustAnchors.jvmDefault(Optional.of(TestCertificates.writePem(CA.certificate(), directory.resolve("ca.pem"))));
        fetcher = new HttpsPolicyFetcher(resolver, anchors.clientContext(), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        if (policies != null) {
            policies.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void thePolicyOfADomainWhoseHostHasAValidCertificate() throws Exception {
        assertThat(fetcher.fetch("good.example")).isEqualTo(POLICY);
    }

    @Test
    void aCertificateForAnotherNameIsRefused() {
        assertThatThrownBy(() -> fetcher.fetch("wrongname.example")).isInstanceOf(PolicyFetchFailed.class)
            .hasMessageContaining("cannot fetch https://mta-sts.wrongname.example/.well-known/mta-sts.txt")
            .hasMessageContaining("No subject alternative DNS name matching mta-sts.wrongname.example");
    }

    @Test
    void aPolicyHostWithoutAnAddressOrAPolicy() {
        assertThatThrownBy(() -> fetcher.fetch("nowhere.example")).isInstanceOf(PolicyFetchFailed.class)
            .hasMessage("mta-sts.nowhere.example has no address");
        assertThatThrownBy(() -> fetcher.fetch("missing.example")).isInstanceOf(PolicyFetchFailed.class)
            .hasMessageContaining("answered 404");
    }

    @Test
    void aCertificateOfAnUntrustedAuthorityIsRefused() throws Exception {
        TrustAnchors jvmOnly = TrustAnchors.jvmDefault(Optional.empty());
        HttpsPolicyFetcher trustingNoTestCa = new HttpsPolicyFetcher(new DnsResolver(List.of(new InetSocketAddress("127.0.0.1",
            dns.port())), Duration.ofSeconds(2), Duration.ofHours(1), Clock.systemUTC()), jvmOnly.clientContext(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> trustingNoTestCa.fetch("good.example")).isInstanceOf(PolicyFetchFailed.class)
            .hasMessageContaining("PKIX path");
    }
}
