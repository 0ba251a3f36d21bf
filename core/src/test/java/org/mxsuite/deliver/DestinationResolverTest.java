package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.dnsservice.api.DNSService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.dns.DnsAnswer;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.TestDnsServer;
import org.mxsuite.domain.Destination;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.testing.MutableClock;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Type;

/** Where held mail goes over each address family, against a real DNS server on loopback. */
class DestinationResolverTest {
    /** This server, known by its IPv6 address ::1 (as {@link LocalIdentity#detect} finds its interfaces' addresses). */
    private static final LocalIdentity SELF = new LocalIdentity("mx.test", Set.of(InetAddress.getLoopbackAddress(), ipv6Loopback()));

    private static InetAddress ipv6Loopback() {
        try {
            return InetAddress.getByName("::1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestDnsServer dns;
    private DnsResolver resolver;

    @BeforeEach
    void setUp() throws Exception {
        dns = TestDnsServer.start()
            .mx("dual.example", 10, "mx.dual.example").a("mx.dual.example", "192.0.2.1").a("mx.dual.example", "2001:db8::1")
            .mx("v6.example", 10, "mx.v6.example").a("mx.v6.example", "2001:db8::2")
            // this server's MX (::1, an address of this machine) is the lowest: the IPv4 host of preference 20 is a
            // backup of lower rank, never a destination, even when only IPv4 is used
            .mx("self.example", 10, "mx.self.example").a("mx.self.example", "::1")
            .mx("self.example", 20, "mx2.self.example").a("mx2.self.example", "192.0.2.3");
        resolver = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofMillis(500),
            Duration.ofHours(1), new MutableClock(Instant.parse("2026-12-05T10:00:00Z")));
    }

    @AfterEach
    void tearDown() {
        dns.close();
    }

    /** James's DNS service as the engine gets it: IPv4 addresses only. */
    private DNSService jamesDns() {
        return (DNSService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DNSService.class}, (proxy, method, args) -> {
            if (!method.getName().equals("getAllByName")) {
                throw new UnsupportedOperationException(method.getName());
            }
            DnsAnswer answer = resolver.lookup((String) args[0], Type.A).join();
            List<InetAddress> addresses = answer.records().stream().filter(ARecord.class::isInstance)
                .map(record -> ((ARecord) record).getAddress()).collect(Collectors.toCollection(ArrayList::new));
            if (addresses.isEmpty()) {
                throw new UnknownHostException((String) args[0]);
            }
            return addresses;
        });
    }

    private List<String> destinations(String domain, String families) throws NoDestinationException {
        DestinationResolver destinations = new DestinationResolver(jamesDns(), resolver, SELF,
            AddressOrder.parse("delivery.addressFamilies", families));
        return destinations.resolve(HostedDomain.holding(DomainName.of(domain), ServiceKind.BACKUP, HoldPolicy.DEFAULT)).stream()
            .map(Destination::asString).collect(Collectors.toList());
    }

    @Test
    void aHostsAddressesAreTriedFamilyByFamilyInTheOrderSet() throws Exception {
        assertThat(destinations("dual.example", "ipv4,ipv6")).containsExactly("192.0.2.1:25", "[2001:db8:0:0:0:0:0:1]:25");
        assertThat(destinations("dual.example", "ipv6,ipv4")).containsExactly("[2001:db8:0:0:0:0:0:1]:25", "192.0.2.1:25");
        assertThat(destinations("dual.example", "ipv6")).containsExactly("[2001:db8:0:0:0:0:0:1]:25");
        assertThat(destinations("dual.example", "ipv4")).containsExactly("192.0.2.1:25");
    }

    @Test
    void aHostWithoutAnAddressOfTheFamiliesUsedIsNoDestination() throws Exception {
        assertThat(destinations("v6.example", "ipv4,ipv6")).containsExactly("[2001:db8:0:0:0:0:0:2]:25");
        assertThatThrownBy(() -> destinations("v6.example", "ipv4"))
            .isInstanceOf(NoDestinationException.class).hasMessageContaining("4.4.4");
    }

    @Test
    void theLoopCheckSeesEveryFamilyWhateverIsUsed() {
        assertThatThrownBy(() -> destinations("self.example", "ipv4"))
            .isInstanceOf(NoDestinationException.class).hasMessageContaining("4.4.6");
    }

    @Test
    void aDomainsIpv6ServersMayAskForItsMailWithEtrn() throws Exception {
        DestinationResolver destinations = new DestinationResolver(jamesDns(), resolver, SELF);
        HostedDomain byMx = HostedDomain.holding(DomainName.of("v6.example"), ServiceKind.BACKUP, HoldPolicy.DEFAULT);
        HostedDomain byDestination = HostedDomain.holding(DomainName.of("dual.example"), ServiceKind.BACKUP,
            HoldPolicy.builder().destination(Destination.parse("mx.dual.example:2525")).build());

        assertThat(destinations.isServerOf(byMx, InetAddress.getByName("2001:db8::2"))).isTrue();
        assertThat(destinations.isServerOf(byDestination, InetAddress.getByName("2001:db8::1"))).isTrue();
        assertThat(destinations.isServerOf(byDestination, InetAddress.getByName("192.0.2.1"))).isTrue();
        assertThat(destinations.isServerOf(byMx, InetAddress.getByName("2001:db8::1"))).isFalse();
    }

    @Test
    void theSettingNamesFamiliesOnce() {
        assertThat(AddressOrder.parse("k", " IPv6 , ipv4").toString()).isEqualTo("ipv6 ipv4");
        assertThat(AddressOrder.parse("k", "ipv6 ipv4").toString()).isEqualTo("ipv6 ipv4");
        for (String wrong : new String[] {"", "ipv5", "ipv4,ipv4", "ipv4;ipv6", "both", " "}) {
            assertThatThrownBy(() -> AddressOrder.parse("delivery.addressFamilies", wrong)).as(wrong)
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("delivery.addressFamilies");
        }
    }
}
