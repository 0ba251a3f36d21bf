package org.mxsuite.it.check;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.mxsuite.it.support.ClientSession;
import org.mxsuite.it.support.JamesMetrics;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.Timing;

/**
 * DNS blocklists on the in-process server, against real DNS answers of a test zone: clients connect from different
 * loopback addresses, which the zones list (or answer for) differently.
 */
@Isolated(Timing.REASON)
class DnsblTest {
    private static final String DOMAIN = "customer.test";

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onFreePort(records -> records
        // 127.0.0.2: listed, with a reason
        .a("2.0.0.127.black.test", "127.0.0.2").txt("2.0.0.127.black.test", "Listed by black.test, see https://black.test/q?127.0.0.2")
        // 127.0.0.3: the zone answers an error code (as Spamhaus does through a public resolver)
        .a("3.0.0.127.black.test", "127.255.255.254")
        // 127.0.0.4: the zone does not answer in time
        .silent("4.0.0.127.black.test")
        // 127.0.0.5: only a weak listing, below the threshold
        .a("5.0.0.127.grey.test", "127.0.0.2")
        // 127.0.0.6: listed, but allow-listed more strongly
        .a("6.0.0.127.black.test", "127.0.0.2").a("6.0.0.127.white.test", "127.0.10.2")
        // ::1, by its 32 nibbles
        .a("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.black.test", "127.0.0.3")
        .txt("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.black.test", "IPv6 listing")
        // a sender domain on the domain blocklist
        .a("spam.test.dbl.test", "127.0.1.2").txt("spam.test.dbl.test", "spam.test is a spam domain"));

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of(
        "mxsuite.checks.dnsbl.enabled", "true",
        // the wildcard address, so that a client can also come from ::1 (WebAdmin stays on 127.0.0.1)
        "mxsuite.bind", "0.0.0.0",
        "mxsuite.dns.timeout", "2s",
        "mxsuite.dnsbl.sites", "black.test=127.0.0.[2..11]*3,grey.test*1,white.test=127.0.[0..255].[1..3]*-5",
        "mxsuite.dnsbl.threshold", "3",
        "mxsuite.dnsbl.timeout", "2s",
        "mxsuite.rhsbl.sites", "dbl.test=127.0.1.[2..99]*3"));

    @BeforeEach
    void setUp() {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\"}");
    }

    @Test
    void aListedClientOverTheThresholdGets554WithTheZoneAndItsReason() throws Exception {
        ClientSession session = ClientSession.envelope("127.0.0.2", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN);

        assertThat(session.rcptReply(0)).isEqualTo("554 5.7.1 Service unavailable; client [127.0.0.2] blocked using black.test; "
            + "Listed by black.test, see https://black.test/q?127.0.0.2");
    }

    @Test
    void anIpv6ClientIsLookedUpByItsNibbles() throws Exception {
        ClientSession session = ClientSession.envelope("::1", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN);

        assertThat(session.rcptReply(0)).isEqualTo("554 5.7.1 Service unavailable; client [0:0:0:0:0:0:0:1] blocked using black.test; "
            + "IPv6 listing");
    }

    @Test
    void eachRecipientsDomainSwitchAppliesWithinOneTransaction() throws Exception {
        putDomain("open.test", "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\",\"dnsbl\":false}");

        ClientSession session = ClientSession.envelope("127.0.0.2", server.smtpInboundPort(), "alice@sender.test",
            "bob@" + DOMAIN, "carol@open.test");

        assertThat(session.rcptReply(0)).startsWith("554 5.7.1");
        assertThat(session.rcptReply(1)).startsWith("250");
    }

    @Test
    void theClientIsLookedUpOncePerConnectionNotPerRecipient() throws Exception {
        int before = dns.queries();
        ClientSession session = ClientSession.envelope("127.0.0.7", server.smtpInboundPort(), "alice@once.test",
            "a@" + DOMAIN, "b@" + DOMAIN, "c@" + DOMAIN, "d@" + DOMAIN, "e@" + DOMAIN);

        assertThat(session.rcptReplies()).allMatch(reply -> reply.startsWith("250"));
        // 3 client zones and 1 sender-domain zone, each asked once (a lost datagram may be asked again); per recipient
        // it would be 20
        assertThat(dns.queries() - before).isBetween(4, 8);
    }

    @Test
    void anIpv6NetworkOnTheInternalBlocklistIsRefused() throws Exception {
        given().body("{\"reason\":\"v6 test\"}").put("/dnsbl/local/::1/128").then().statusCode(204);
        try {
            assertThat(ClientSession.envelope("::1", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN).rcptReply(0))
                .isEqualTo("554 5.7.1 Service unavailable; client [0:0:0:0:0:0:0:1] blocked using local blocklist; v6 test");
        } finally {
            given().delete("/dnsbl/local/::1").then().statusCode(204);
        }
    }

    @Test
    void refusalsAreCountedInJamesMetrics() throws Exception {
        long before = JamesMetrics.count("mxsuite_check_dnsbl_rejected");

        ClientSession.envelope("127.0.0.2", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN, "carol@" + DOMAIN);

        assertThat(JamesMetrics.count("mxsuite_check_dnsbl_rejected")).isEqualTo(before + 2);
    }

    @Test
    void anAuthenticatedClientIsNeverChecked() throws Exception {
        given().put("/domains/local.test").then().statusCode(204);
        given().body("{\"password\":\"secret-1\"}").put("/users/alice@local.test").then().statusCode(204);
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient("TLS", false);
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.connect(InetAddress.getByName("127.0.0.1"), server.smtpSubmissionPort(), InetAddress.getByName("127.0.0.2"), 0);
        try {
            client.ehlo("client.test");
            assertThat(client.execTLS()).isTrue();
            client.ehlo("client.test");
            assertThat(client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, "alice@local.test", "secret-1"))
                .as(client.getReplyString()).isTrue();
            assertThat(client.setSender("alice@local.test")).as(client.getReplyString()).isTrue();
            client.addRecipient("bob@" + DOMAIN);

            assertThat(client.getReplyString()).startsWith("250");
        } finally {
            client.disconnect();
        }
        // the same client on the same port, unauthenticated, is checked
        assertThat(ClientSession.envelope("127.0.0.2", server.smtpSubmissionPort(), "alice@sender.test", "bob@" + DOMAIN).rcptReply(0))
            .startsWith("554 5.7.1");
    }

    @Test
    void postmasterAndAbuseStayReachableForAListedClient() throws Exception {
        ClientSession session = ClientSession.envelope("127.0.0.2", server.smtpInboundPort(), "alice@sender.test",
            "postmaster@" + DOMAIN, "abuse@" + DOMAIN, "bob@" + DOMAIN);

        assertThat(session.rcptReply(0)).startsWith("250");
        assertThat(session.rcptReply(1)).startsWith("250");
        assertThat(session.rcptReply(2)).startsWith("554 5.7.1");
    }

    @Test
    void anErrorCodeAnswerDoesNotBlock() throws Exception {
        assertThat(ClientSession.envelope("127.0.0.3", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN).rcptReply(0))
            .startsWith("250");
    }

    @Test
    void aTimeoutDoesNotBlockAndTakesNoLongerThanTheTimeLimit() throws Exception {
        long start = System.nanoTime();
        ClientSession session = ClientSession.envelope("127.0.0.4", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN);

        assertThat(session.rcptReply(0)).startsWith("250");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void weightsBelowTheThresholdAndAllowListsDoNotBlock() throws Exception {
        assertThat(ClientSession.envelope("127.0.0.5", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN).rcptReply(0))
            .startsWith("250");
        assertThat(ClientSession.envelope("127.0.0.6", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN).rcptReply(0))
            .startsWith("250");
    }

    @Test
    void anUnlistedClientIsAccepted() throws Exception {
        assertThat(ClientSession.envelope("127.0.0.1", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN).rcptReply(0))
            .startsWith("250");
    }

    @Test
    void aDomainWithTheCheckSwitchedOffAcceptsAListedClient() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\",\"dnsbl\":false}");

        assertThat(ClientSession.envelope("127.0.0.2", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN).rcptReply(0))
            .startsWith("250");
    }

    @Test
    void aSenderDomainOnTheDomainBlocklistGets554WithItsReason() throws Exception {
        ClientSession session = ClientSession.envelope("127.0.0.1", server.smtpInboundPort(), "someone@spam.test", "bob@" + DOMAIN);

        assertThat(session.rcptReply(0)).isEqualTo("554 5.7.1 Service unavailable; sender domain spam.test blocked using dbl.test; "
            + "spam.test is a spam domain");
        assertThat(ClientSession.envelope("127.0.0.1", server.smtpInboundPort(), "someone@ham.test", "bob@" + DOMAIN).rcptReply(0))
            .startsWith("250");
    }
}
