package org.mxsuite.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.TestDnsServer;

/** Against a real DNS server on loopback serving test zones. */
class BlocklistCheckerTest {
    private TestDnsServer dns;
    private DnsResolver resolver;

    @BeforeEach
    void setUp() throws Exception {
        dns = TestDnsServer.start()
            .a("2.2.0.192.black.example", "127.0.0.2").txt("2.2.0.192.black.example", "listed: https://black.example/2")
            .a("2.2.0.192.grey.example", "127.0.0.4")
            .a("3.2.0.192.black.example", "127.0.0.2")
            .a("3.2.0.192.white.example", "127.0.15.2")
            .a("4.2.0.192.black.example", "127.255.255.254")
            .a("5.2.0.192.black.example", "10.0.0.1")
            .a("6.2.0.192.black.example", "127.0.0.1")
            .silent("7.2.0.192.black.example")
            .a("7.2.0.192.grey.example", "127.0.0.4")
            .servfail("8.2.0.192.black.example")
            .a("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.black.example", "127.0.0.3")
            .a("spam.example.dbl.example", "127.0.1.2").txt("spam.example.dbl.example", "spam domain");
        resolver = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofSeconds(1),
            Duration.ofHours(1), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        dns.close();
    }

    private BlocklistChecker checker(String sites, int threshold) {
        return new BlocklistChecker(resolver, BlocklistSites.parse(sites), threshold, Duration.ofMillis(1500));
    }

    private static InetAddress ip(String address) throws Exception {
        return InetAddress.getByName(address);
    }

    @Test
    void aListingOverTheThresholdBlocksWithTheZoneAndItsTxtReason() throws Exception {
        BlocklistVerdict verdict = checker("black.example=127.0.0.[2..11]*3, grey.example*1", 3).checkClient(ip("192.0.2.2")).join();

        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.score()).isEqualTo(4);
        assertThat(verdict.listedBy()).contains("black.example");
        assertThat(verdict.reason()).contains("listed: https://black.example/2");
    }

    @Test
    void weightsBelowTheThresholdDoNotBlock() throws Exception {
        BlocklistVerdict verdict = checker("black.example*1, grey.example*1", 3).checkClient(ip("192.0.2.2")).join();

        assertThat(verdict.blocked()).isFalse();
        assertThat(verdict.score()).isEqualTo(2);
    }

    @Test
    void anAllowListTakesWeightAway() throws Exception {
        BlocklistVerdict verdict = checker("black.example*3, white.example=127.0.[0..255].[1..3]*-5", 3).checkClient(ip("192.0.2.3")).join();

        assertThat(verdict.score()).isEqualTo(-2);
        assertThat(verdict.blocked()).isFalse();
    }

    @Test
    void anAnswerOutsideThePatternDoesNotCount() throws Exception {
        assertThat(checker("black.example=127.0.0.[3..11]*3", 3).checkClient(ip("192.0.2.2")).join().blocked()).isFalse();
    }

    @Test
    void errorCodesAndAnswersOutsideLoopbackNeverCountAndAreReported() throws Exception {
        BlocklistChecker anyAnswer = checker("black.example*3", 3);

        BlocklistVerdict spamhausError = anyAnswer.checkClient(ip("192.0.2.4")).join();
        BlocklistVerdict notLoopback = anyAnswer.checkClient(ip("192.0.2.5")).join();

        assertThat(spamhausError.blocked()).isFalse();
        assertThat(spamhausError.errorCodes()).extracting(BlocklistVerdict.ErrorCode::answer).containsExactly("127.255.255.254");
        assertThat(notLoopback.blocked()).isFalse();
        assertThat(notLoopback.errorCodes()).extracting(BlocklistVerdict.ErrorCode::answer).containsExactly("10.0.0.1");
    }

    @Test
    void aTimeoutFailsOpenWithinTheTimeLimitAndOtherZonesStillCount() throws Exception {
        long start = System.nanoTime();
        BlocklistVerdict verdict = checker("black.example*3, grey.example*1", 1).checkClient(ip("192.0.2.7")).join();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(verdict.unanswered()).hasSize(1).allMatch(zone -> zone.startsWith("black.example"));
        assertThat(verdict.score()).isEqualTo(1);
        assertThat(verdict.listedBy()).contains("grey.example");
    }

    @Test
    void aServerFailureFailsOpen() throws Exception {
        BlocklistVerdict verdict = checker("black.example*3", 3).checkClient(ip("192.0.2.8")).join();

        assertThat(verdict.blocked()).isFalse();
        assertThat(verdict.unanswered()).hasSize(1);
    }

    @Test
    void ipv6ClientsAreAskedByNibbles() throws Exception {
        BlocklistVerdict verdict = checker("black.example*3", 3).checkClient(ip("2001:db8::1")).join();

        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.reason()).isEmpty();
    }

    @Test
    void sendersDomainsAreAskedAsThey() throws Exception {
        BlocklistVerdict verdict = checker("dbl.example=127.0.1.[2..99]*3", 3).checkDomain("Spam.Example").join();

        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.reason()).contains("spam domain");
        assertThat(checker("dbl.example*3", 3).checkDomain("ham.example").join().blocked()).isFalse();
    }

    @Test
    void anUnlistedClientIsClean() throws Exception {
        BlocklistVerdict verdict = checker("black.example*3", 3).checkClient(ip("192.0.2.200")).join();

        assertThat(verdict.score()).isZero();
        assertThat(verdict.errorCodes()).isEmpty();
        assertThat(verdict.unanswered()).isEmpty();
    }
}
