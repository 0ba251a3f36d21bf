package org.mxsuite.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;

class ForwardConfirmedReverseDnsTest {
    private TestDnsServer dns;
    private ForwardConfirmedReverseDns fcrdns;

    @BeforeEach
    void setUp() throws Exception {
        dns = TestDnsServer.start()
            .ptr("192.0.2.1", "good.example").a("good.example", "192.0.2.1")
            .ptr("192.0.2.2", "liar.example").a("liar.example", "198.51.100.7")
            .ptr("192.0.2.3", "other.example").ptr("192.0.2.3", "second.example").a("second.example", "192.0.2.3")
            .ptr("192.0.2.4", "broken.example").servfail("broken.example")
            .servfail("5.2.0.192.in-addr.arpa")
            .ptr("2001:db8::25", "v6.example").a("v6.example", "2001:db8::25")
            .ptr("192.0.2.6", "gone.example");
        dns.add(new PTRRecord(ReverseMap.fromAddress("192.0.2.7"), DClass.IN, 60, TestDnsServer.name("ptr-only.example")));
        DnsResolver resolver = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofSeconds(1),
            Duration.ofHours(1), Clock.systemUTC());
        fcrdns = new ForwardConfirmedReverseDns(resolver, HostsFile.of("127.0.0.1 localhost localhost.localdomain", "# ::1 ignored"));
    }

    @AfterEach
    void tearDown() {
        dns.close();
    }

    private ReverseDnsVerdict check(String address) throws Exception {
        return fcrdns.check(InetAddress.getByName(address)).join();
    }

    @Test
    void aNameThatResolvesBackIsConfirmed() throws Exception {
        assertThat(check("192.0.2.1").status()).isEqualTo(ReverseDnsVerdict.Status.CONFIRMED);
        assertThat(check("192.0.2.1").name()).contains("good.example");
    }

    @Test
    void anyOfSeveralNamesMayConfirm() throws Exception {
        assertThat(check("192.0.2.3").name()).contains("second.example");
    }

    @Test
    void ipv6ClientsAreConfirmedByTheirAaaaRecords() throws Exception {
        assertThat(check("2001:db8::25").status()).isEqualTo(ReverseDnsVerdict.Status.CONFIRMED);
    }

    @Test
    void aNameThatResolvesElsewhereOrNowhereIsAMismatch() throws Exception {
        assertThat(check("192.0.2.2").status()).isEqualTo(ReverseDnsVerdict.Status.MISMATCH);
        assertThat(check("192.0.2.2").name()).contains("liar.example");
        assertThat(check("192.0.2.6").status()).isEqualTo(ReverseDnsVerdict.Status.MISMATCH);
    }

    @Test
    void noPtrIsNoName() throws Exception {
        assertThat(check("192.0.2.200").status()).isEqualTo(ReverseDnsVerdict.Status.NO_NAME);
    }

    @Test
    void failuresAreTemporary() throws Exception {
        assertThat(check("192.0.2.4").status()).isEqualTo(ReverseDnsVerdict.Status.TEMPORARY_FAILURE);
        assertThat(check("192.0.2.5").status()).isEqualTo(ReverseDnsVerdict.Status.TEMPORARY_FAILURE);
    }

    @Test
    void loopbackIsLookedUpInTheHostsFileFirst() throws Exception {
        int queries = dns.queries();

        assertThat(check("127.0.0.1").name()).contains("localhost");
        assertThat(dns.queries()).isEqualTo(queries);
    }

    @Test
    void aLoopbackAddressNotInTheHostsFileIsAskedOfDns() throws Exception {
        dns.ptr("127.0.0.2", "two.loopback.example").a("two.loopback.example", "127.0.0.2");

        assertThat(check("127.0.0.2").name()).contains("two.loopback.example");
        assertThat(check("127.0.0.3").status()).isEqualTo(ReverseDnsVerdict.Status.NO_NAME);
    }

    @Test
    void theHostsFileIsReadLikeTheSystemReadsIt() throws Exception {
        HostsFile hosts = HostsFile.of("127.0.0.1\tlocalhost  Local.Host # comment", "::1 ip6-localhost", "# 10.0.0.1 commented", "bogus line");

        assertThat(hosts.namesOf(InetAddress.getByName("127.0.0.1"))).containsExactly("localhost", "local.host");
        assertThat(hosts.addressesOf("LOCALHOST")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(hosts.namesOf(InetAddress.getByName("::1"))).containsExactly("ip6-localhost");
        assertThat(hosts.namesOf(InetAddress.getByName("10.0.0.1"))).isEmpty();
    }
}
