package org.mxsuite.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.TestDnsServer;

/** Every case of sender verification against real DNS answers from a server on loopback. */
class SenderVerificationTest {
    private static TestDnsServer dns;
    private static SenderVerification verification;

    @BeforeAll
    static void startDns() throws Exception {
        dns = TestDnsServer.start()
            .mx("shop.example.net", 10, "mx.shop.example.net").a("mx.shop.example.net", "192.0.2.10")
            .a("plain.example.net", "192.0.2.11")
            .mx("literal.example.net", 10, "192.0.2.12")
            .mx("alias.example.net", 10, "mail.alias.example.net").cname("mail.alias.example.net", "real.example.net")
            .a("real.example.net", "192.0.2.13")
            .mx("mixed.example.net", 5, "192.0.2.14").mx("mixed.example.net", 10, "mx.shop.example.net")
            .txt("empty.example.net", "v=spf1 -all")
            .mx("nullmx.example.net", 0, ".")
            .servfail("broken.example.net")
            .silent("slow.example.net");
        verification = new SenderVerification(new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())),
            Duration.ofMillis(600), Duration.ofMinutes(1), Clock.systemUTC()));
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    private static Optional<String> failureOf(String domain) {
        return verification.failureOf(domain).join().map(SenderVerification.Failure::cause);
    }

    @Test
    void aDomainWithAnMxHostOrAnAddressPasses() {
        assertThat(failureOf("shop.example.net")).isEmpty();
        assertThat(failureOf("plain.example.net")).isEmpty();
        assertThat(failureOf("mixed.example.net")).as("one usable MX host is enough").isEmpty();
    }

    @Test
    void eachFailureSaysItsCause() {
        assertThat(failureOf("nowhere.example.net")).hasValueSatisfying(cause -> assertThat(cause).contains("does not exist"));
        assertThat(failureOf("empty.example.net")).hasValueSatisfying(cause -> assertThat(cause).contains("no MX, A or AAAA record"));
        assertThat(failureOf("literal.example.net")).hasValueSatisfying(cause -> assertThat(cause).contains("points to an IP address (192.0.2.12)"));
        assertThat(failureOf("alias.example.net")).hasValueSatisfying(cause -> assertThat(cause).contains("is a CNAME"));
        assertThat(failureOf("nullmx.example.net")).hasValueSatisfying(cause -> assertThat(cause).contains("null MX"));
        assertThat(failureOf("broken.example.net")).hasValueSatisfying(cause -> assertThat(cause).contains("failed (SERVFAIL)"));
        assertThat(failureOf("slow.example.net")).hasValueSatisfying(cause -> assertThat(cause).contains("timed out"));
    }

    @Test
    void aLookupThatFailsOrTimesOutIsSaidToBeOne() {
        assertThat(verification.failureOf("slow.example.net").join()).hasValueSatisfying(failure -> assertThat(failure.lookupFailed()).isTrue());
        assertThat(verification.failureOf("broken.example.net").join()).hasValueSatisfying(failure -> assertThat(failure.lookupFailed()).isTrue());
        assertThat(verification.failureOf("nowhere.example.net").join()).hasValueSatisfying(failure -> assertThat(failure.lookupFailed()).isFalse());
    }

    @Test
    void reservedTopLevelDomainsFailWithoutAsking() {
        int before = dns.queries();
        for (String domain : new String[] {"pc.local", "x.invalid", "a.test", "shop.example", "box.localhost"}) {
            assertThat(failureOf(domain)).as(domain)
                .hasValueSatisfying(cause -> assertThat(cause).contains("reserved top-level domain"));
        }
        assertThat(dns.queries()).isEqualTo(before);
    }
}
