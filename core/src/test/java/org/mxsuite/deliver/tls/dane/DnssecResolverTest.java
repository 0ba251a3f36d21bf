package org.mxsuite.deliver.tls.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mxsuite.dns.SignedZone;
import org.mxsuite.dns.TestDnsServer;
import org.xbill.DNS.Type;

/** The validating resolver on the test DNS server's signed and unsigned zones: each DNSSEC status, denials included. */
class DnssecResolverTest {
    private static TestDnsServer dns;
    private static DnssecResolver resolver;

    @BeforeAll
    static void start() throws Exception {
        SignedZone zone = SignedZone.create("dane.example")
            .a("mx.dane.example", "127.0.0.2")
            .tlsa("mx.dane.example", 3, 1, 1, new byte[32])
            .a("forged.dane.example", "127.0.0.2")
            .badSignature("forged.dane.example", Type.A);
        dns = TestDnsServer.start().signed(zone).a("mx.plain.example", "127.0.0.2").servfail("broken.plain.example");
        resolver = new DnssecResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofSeconds(2), zone.trustAnchor());
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void signedRecordsAreSecure() throws Exception {
        ValidatedAnswer answer = resolver.lookup(TestDnsServer.name("_25._tcp.mx.dane.example"), Type.TLSA);

        assertThat(answer.security()).isEqualTo(ValidatedAnswer.Security.SECURE);
        assertThat(answer.records()).hasSize(1);
        assertThat(answer.ttl()).isEqualTo(Duration.ofSeconds(SignedZone.TTL));
    }

    @Test
    void absentNamesTypesAndEmptyNonTerminalsAreSecureDenials() throws Exception {
        for (String[] query : new String[][] {{"_25._tcp.nothing.dane.example", "TLSA"}, {"mx.dane.example", "AAAA"},
            {"_tcp.mx.dane.example", "TLSA"}}) {
            ValidatedAnswer answer = resolver.lookup(TestDnsServer.name(query[0]), Type.value(query[1]));
            assertThat(answer.security()).as(String.join(" ", query) + ": " + answer).isEqualTo(ValidatedAnswer.Security.SECURE);
            assertThat(answer.records()).isEmpty();
        }
    }

    @Test
    void unsignedRecordsAreInsecure() throws Exception {
        ValidatedAnswer answer = resolver.lookup(TestDnsServer.name("mx.plain.example"), Type.A);

        assertThat(answer.security()).isEqualTo(ValidatedAnswer.Security.INSECURE);
        assertThat(answer.records()).hasSize(1);
    }

    @Test
    void aBadSignatureIsBogusWithTheValidatorsReason() throws Exception {
        ValidatedAnswer answer = resolver.lookup(TestDnsServer.name("forged.dane.example"), Type.A);

        assertThat(answer.security()).isEqualTo(ValidatedAnswer.Security.BOGUS);
        assertThat(answer.reason()).isNotEmpty().doesNotContain("{");
    }

    @Test
    void aServfailOutsideAnyTrustAnchorIsAFailure() throws Exception {
        ValidatedAnswer answer = resolver.lookup(TestDnsServer.name("broken.plain.example"), Type.A);

        assertThat(answer.security()).isEqualTo(ValidatedAnswer.Security.FAILED);
        assertThat(answer.reason()).isEqualTo("SERVFAIL");
    }
}
