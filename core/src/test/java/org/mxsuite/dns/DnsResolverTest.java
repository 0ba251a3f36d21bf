package org.mxsuite.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.configuration2.BaseConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.net.Deadline;
import org.mxsuite.testing.MutableClock;
import org.xbill.DNS.Type;

class DnsResolverTest {
    private TestDnsServer dns;
    private MutableClock clock;
    private DnsResolver resolver;

    @BeforeEach
    void setUp() throws Exception {
        dns = TestDnsServer.start()
            .a("host.zone.example", "192.0.2.1").a("host.zone.example", "2001:db8::1")
            .txt("2.0.0.127.bl.example", "listed: see https://bl.example/q")
            .servfail("broken.example")
            .silent("slow.example");
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        resolver = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofMillis(300),
            Duration.ofHours(1), clock);
    }

    @AfterEach
    void tearDown() {
        dns.close();
    }

    @Test
    void answersCarryTheirRecords() throws Exception {
        assertThat(resolver.lookup("host.zone.example", Type.A).get().addresses()).containsExactly("192.0.2.1");
        assertThat(resolver.lookup("host.zone.example", Type.AAAA).get().addresses()).containsExactly("2001:db8:0:0:0:0:0:1");
        assertThat(resolver.lookup("2.0.0.127.bl.example", Type.TXT).get().texts()).containsExactly("listed: see https://bl.example/q");
    }

    @Test
    void aMissingNameAndAMissingTypeAreConclusive() throws Exception {
        assertThat(resolver.lookup("nowhere.example", Type.A).get().status()).isEqualTo(DnsAnswer.Status.NO_SUCH_NAME);
        DnsAnswer noData = resolver.lookup("host.zone.example", Type.MX).get();
        assertThat(noData.status()).isEqualTo(DnsAnswer.Status.NO_DATA);
        assertThat(noData.isConclusive()).isTrue();
    }

    @Test
    void failuresAndTimeoutsAreAnswersNotExceptions() throws Exception {
        DnsAnswer failed = resolver.lookup("broken.example", Type.A).get();
        assertThat(failed.status()).isEqualTo(DnsAnswer.Status.FAILED);
        assertThat(failed.detail()).isEqualTo("SERVFAIL");

        long start = System.nanoTime();
        DnsAnswer timedOut = resolver.lookup("slow.example", Type.A).get();
        assertThat(timedOut.status()).isEqualTo(DnsAnswer.Status.TIMED_OUT);
        assertThat(timedOut.isConclusive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aLostQueryIsAskedAgainWithinTheTimeLimit() throws Exception {
        dns.dropOnce("host.zone.example");
        int asked = dns.queries();

        DnsAnswer answer = resolver.lookup("host.zone.example", Type.A).get();

        assertThat(answer.status()).isEqualTo(DnsAnswer.Status.FOUND);
        assertThat(dns.queries()).isEqualTo(asked + 2);
    }

    @Test
    void aSecondServerAnswersWhenTheFirstDoesNot() throws Exception {
        try (TestDnsServer second = TestDnsServer.start().a("other.example", "192.0.2.9")) {
            dns.silent("other.example");
            DnsResolver twoServers = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port()),
                new InetSocketAddress("127.0.0.1", second.port())), Duration.ofSeconds(1), Duration.ofHours(1), clock);

            assertThat(twoServers.lookup("other.example", Type.A).get().addresses()).containsExactly("192.0.2.9");
        }
    }

    @Test
    void answersAreKeptForTheirTtl() throws Exception {
        resolver.lookup("host.zone.example", Type.A).get();
        int asked = dns.queries();

        resolver.lookup("host.zone.example", Type.A).get();
        assertThat(dns.queries()).as("answered from the cache").isEqualTo(asked);

        clock.advance(Duration.ofSeconds(TestDnsServer.TTL + 1));
        resolver.lookup("host.zone.example", Type.A).get();
        assertThat(dns.queries()).as("expired: asked again").isEqualTo(asked + 1);
    }

    @Test
    void theCacheKeepsTheMostRecentlyUsedAnswersWithinItsBound() throws Exception {
        dns.a("one.example", "192.0.2.1").a("two.example", "192.0.2.2").a("three.example", "192.0.2.3");
        DnsResolver small = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofMillis(300),
            Duration.ofHours(1), 10, 2, clock);
        small.lookup("one.example", Type.A).get();
        small.lookup("two.example", Type.A).get();
        small.lookup("one.example", Type.A).get(); // used again: two.example is now the least recently used
        small.lookup("three.example", Type.A).get();

        assertThat(small.cached()).isEqualTo(2);
        int asked = dns.queries();
        small.lookup("one.example", Type.A).get();
        small.lookup("three.example", Type.A).get();
        assertThat(dns.queries()).as("kept").isEqualTo(asked);
        small.lookup("two.example", Type.A).get();
        assertThat(dns.queries()).as("dropped, asked again").isEqualTo(asked + 1);
    }

    @Test
    void aKindAtItsLimitFailsAtOnceWhileOtherKindsAreStillAnswered() throws Exception {
        dns.silent("a.slow.example").silent("b.slow.example").silent("c.slow.example");
        DnsResolver limited = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofSeconds(2),
            Duration.ofHours(1), 2, 1000, clock);
        CompletableFuture<DnsAnswer> first = limited.lookup("a.slow.example", Type.MX, LookupKind.SENDER_DOMAIN, Deadline.after(Duration.ofSeconds(2)));
        CompletableFuture<DnsAnswer> second = limited.lookup("b.slow.example", Type.MX, LookupKind.SENDER_DOMAIN, Deadline.after(Duration.ofSeconds(2)));

        long start = System.nanoTime();
        DnsAnswer third = limited.lookup("c.slow.example", Type.MX, LookupKind.SENDER_DOMAIN, Deadline.after(Duration.ofSeconds(2))).get();
        DnsAnswer otherKind = limited.lookup("host.zone.example", Type.A, LookupKind.CLIENT_BLOCKLIST, Deadline.after(Duration.ofSeconds(2))).get();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(third.status()).isEqualTo(DnsAnswer.Status.FAILED);
        assertThat(third.detail()).isEqualTo("too many sender domain lookups at once (2)");
        assertThat(otherKind.addresses()).containsExactly("192.0.2.1");
        assertThat(first.isDone()).isFalse();
        assertThat(first.get().status()).isEqualTo(DnsAnswer.Status.TIMED_OUT);
        assertThat(second.get().status()).isEqualTo(DnsAnswer.Status.TIMED_OUT);
        // the askers' answers are due at their deadline; the lookups themselves end a moment later
        DnsAnswer later = null;
        for (int i = 0; i < 20 && (later == null || later.status() == DnsAnswer.Status.FAILED); i++) {
            Thread.sleep(50);
            later = limited.lookup("c.slow.example", Type.MX, LookupKind.SENDER_DOMAIN, Deadline.after(Duration.ofMillis(50))).get();
        }
        assertThat(later.status()).as("the limit frees up as lookups end").isEqualTo(DnsAnswer.Status.TIMED_OUT);
    }

    @Test
    void anAnswerIsDueByTheAskersDeadlineAndAskersOfOneNameShareOneQuery() throws Exception {
        dns.silent("slow.example");
        int asked = dns.queries();
        long start = System.nanoTime();
        CompletableFuture<DnsAnswer> patient = resolver.lookup("slow.example", Type.A, LookupKind.SENDER_DOMAIN, Deadline.after(Duration.ofSeconds(5)));
        DnsAnswer hurried = resolver.lookup("slow.example", Type.A, LookupKind.SENDER_DOMAIN, Deadline.after(Duration.ofMillis(50))).get();

        assertThat(hurried.status()).isEqualTo(DnsAnswer.Status.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
        assertThat(patient.get().status()).as("the lookup's own time limit (300ms here)").isEqualTo(DnsAnswer.Status.TIMED_OUT);
        assertThat(dns.queries() - asked).as("one lookup (two tries) for both askers").isEqualTo(2);
    }

    @Test
    void failuresAreNotKept() throws Exception {
        resolver.lookup("broken.example", Type.A).get();
        int asked = dns.queries();
        resolver.lookup("broken.example", Type.A).get();
        assertThat(dns.queries()).isGreaterThan(asked);
    }

    @Test
    void reverseNamesOfBothFamilies() throws Exception {
        assertThat(DnsResolver.reverseName(InetAddress.getByName("192.0.2.1")).toString()).isEqualTo("1.2.0.192.in-addr.arpa.");
        assertThat(DnsResolver.reverseName(InetAddress.getByName("2001:db8::1")).toString())
            .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.");
    }

    @Test
    void settingsTakeAddressesWithOptionalPorts() {
        BaseConfiguration configuration = new BaseConfiguration();
        configuration.setProperty("dns.servers", "127.0.0.1:5353, [::1]:53, 192.0.2.53");
        DnsSettings settings = DnsSettings.from(configuration);

        assertThat(settings.servers()).containsExactly(new InetSocketAddress("127.0.0.1", 5353),
            new InetSocketAddress("::1", 53), new InetSocketAddress("192.0.2.53", 53));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));

        // James reads mxsuite.properties with ',' as the list separator: a list arrives as several values
        configuration.setProperty("dns.servers", List.of("127.0.0.1:5353", "192.0.2.53"));
        assertThat(DnsSettings.from(configuration).servers()).containsExactly(new InetSocketAddress("127.0.0.1", 5353),
            new InetSocketAddress("192.0.2.53", 53));

        configuration.setProperty("dns.servers", "resolver.example");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DnsSettings.from(configuration)).isInstanceOf(InvalidSettingException.class);
    }
}
