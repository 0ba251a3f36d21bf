package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.SenderDomainLookup;
import org.mxsuite.dns.SpfCheck;
import org.mxsuite.dns.TestDnsServer;
import org.mxsuite.hold.Origin;

/** Which senders of unauthenticated mail get DSNs, against real DNS answers (SPF included) from a server on loopback. */
class BackscatterGuardTest {
    private static final String SENDING_HOST = "192.0.2.7";
    private static final String ELSEWHERE = "198.51.100.9";
    private static TestDnsServer dns;
    private static BackscatterGuard guard;

    @BeforeAll
    static void startDns() throws Exception {
        dns = TestDnsServer.start()
            .mx("genuine.example", 10, "mx.genuine.example").a("mx.genuine.example", "192.0.2.10")
            .txt("genuine.example", "v=spf1 ip4:" + SENDING_HOST + " -all")
            .a("soft.example", "192.0.2.11").txt("soft.example", "v=spf1 ip4:" + SENDING_HOST + " ~all")
            .a("neutral.example", "192.0.2.12").txt("neutral.example", "v=spf1 ?all")
            .a("nospf.example", "192.0.2.13")
            .a("included.example", "192.0.2.14").txt("included.example", "v=spf1 include:genuine.example -all")
            .txt("txtonly.example", "v=spf1 ip4:" + SENDING_HOST + " -all")
            .mx("mxonly.example", 10, "mx.mxonly.example").a("mx.mxonly.example", SENDING_HOST).txt("mxonly.example", "v=spf1 mx -all")
            .servfail("broken.example");
        DnsResolver resolver = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofMillis(600),
            Duration.ofMinutes(1), Clock.systemUTC());
        guard = new BackscatterGuard(new SpfCheck(resolver), new SenderDomainLookup(resolver), "hosted.example"::equals);
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    private static Origin from(String client, String sender) throws Exception {
        return Origin.unauthenticated(client, MaybeSender.of(new MailAddress(sender)));
    }

    @Test
    void aSenderWhoseSpfAllowsTheClientGetsItsReports() throws Exception {
        assertThat(guard.withheldBecause(from(SENDING_HOST, "alice@genuine.example"))).isEmpty();
        assertThat(guard.withheldBecause(from(SENDING_HOST, "alice@included.example"))).as("through an include").isEmpty();
        assertThat(guard.withheldBecause(from(SENDING_HOST, "alice@mxonly.example"))).as("as its MX host: two lookups").isEmpty();
    }

    @Test
    void aSenderWhoseSpfFailsOrSoftFailsForTheClientGetsNone() throws Exception {
        assertThat(guard.withheldBecause(from(ELSEWHERE, "alice@genuine.example")))
            .hasValue("SPF fail of genuine.example for the client [" + ELSEWHERE + "] that sent it");
        assertThat(guard.withheldBecause(from(ELSEWHERE, "alice@included.example"))).hasValueSatisfying(why -> assertThat(why).startsWith("SPF fail"));
        assertThat(guard.withheldBecause(from(ELSEWHERE, "alice@soft.example"))).hasValueSatisfying(why -> assertThat(why).startsWith("SPF softfail"));
    }

    @Test
    void noSpfOpinionOrADnsFailureLetsTheReportsGo() throws Exception {
        assertThat(guard.withheldBecause(from(ELSEWHERE, "alice@neutral.example"))).isEmpty();
        assertThat(guard.withheldBecause(from(ELSEWHERE, "alice@nospf.example"))).isEmpty();
        assertThat(guard.withheldBecause(from(ELSEWHERE, "alice@broken.example"))).isEmpty();
    }

    @Test
    void aSenderDomainWithNoMxAOrAaaaGetsNoneUnlessWeServeIt() throws Exception {
        assertThat(guard.withheldBecause(from(ELSEWHERE, "alice@nowhere.example")))
            .hasValueSatisfying(why -> assertThat(why).contains("nowhere.example has no MX, A or AAAA record"));
        assertThat(guard.withheldBecause(from(SENDING_HOST, "alice@txtonly.example"))).as("SPF passes, yet nobody could read it")
            .hasValueSatisfying(why -> assertThat(why).contains("no MX, A or AAAA"));
        assertThat(guard.withheldBecause(from(ELSEWHERE, "alice@hosted.example"))).isEmpty();
    }

    @Test
    void loggedInClientsTrustedNetworksAndThisServerAlwaysGetTheirReports() {
        assertThat(guard.withheldBecause(Origin.TRUSTED)).isEmpty();
    }
}
