package org.mxsuite.it.deliver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.HostedDomains.removeAllDomains;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.mxsuite.dns.TestDnsServer;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.TraceSearch;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.Smtp;

/**
 * A backup domain without a destination: its held mail goes to its MX hosts (here from a real DNS server on
 * 127.0.0.1:53), lowest preference first, never to this server itself nor to a host of its rank or below. Binding ports 53 and 25
 * needs root: elsewhere the test is skipped with that reason.
 */
class MxDestinationTest {
    private static final String DOMAIN = "customer.example";
    private static final String LOOPING = "looping.example";
    private static final String PEERS = "peers.example";
    private static final String IPV6_ONLY = "v6only.example";

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onPort53(records -> records
        // this server (127.0.0.1) is preference 20: the customer's 10, on 127.0.0.2:25, takes the mail; another
        // backup at 30 (127.0.0.3) never does (RFC 5321 section 5.1)
        .mx(DOMAIN, 20, "mx-self.customer.example").a("mx-self.customer.example", "127.0.0.1")
        .mx(DOMAIN, 30, "mx-other.customer.example").a("mx-other.customer.example", "127.0.0.3")
        .mx(DOMAIN, 10, "mx1.customer.example").a("mx1.customer.example", "127.0.0.2")
        .mx(LOOPING, 10, "mx.looping.example").a("mx.looping.example", "127.0.0.1")
        // two backups of one rank and no primary in DNS: each would hand the mail to the other
        .mx(PEERS, 20, "mx-self.peers.example").a("mx-self.peers.example", "127.0.0.1")
        .mx(PEERS, 20, "mx-peer.peers.example").a("mx-peer.peers.example", "127.0.0.3")
        // an MX host with an AAAA record only, the IPv4-mapped address of the customer's server (traffic stays on
        // loopback: the machine's only other IPv6 address is its own)
        .mx(IPV6_ONLY, 10, "mx.v6only.example")
        .add(new AAAARecord(TestDnsServer.name("mx.v6only.example"), DClass.IN, 60, ipv4Mapped(127, 0, 0, 2)))
        // ::1 is an address of this machine: that MX is this server
        .mx("v6self.example", 10, "mx.v6self.example").a("mx.v6self.example", "::1"));

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of("mxsuite.dns.timeout", "1s"));

    private CustomerSmtpServer customer;

    @BeforeEach
    void setUp() throws Exception {
        try {
            customer = new CustomerSmtpServer(InetAddress.getByName("127.0.0.2"), 25).start();
        } catch (java.io.IOException e) {
            Assumptions.assumeTrue(false, "skipped: the customer's MX on 127.0.0.2:25 needs root (" + e.getMessage() + ")");
        }
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (customer != null) {
            customer.close();
        }
        removeAllDomains();
    }

    @Test
    void heldMailGoesToTheLowestPreferenceMxThatIsNotThisServer() throws Exception {
        putBackup(DOMAIN);

        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@sender.example",
            Smtp.message("alice@sender.example", "bob@" + DOMAIN, "via mx", "x"), "bob@" + DOMAIN);

        assertThat(sent.accepted()).as(sent.toString()).isTrue();
        ReceivedMessage received = customer.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(received.recipients()).containsExactly("bob@" + DOMAIN);
        // the trace names the MX host the mail went to, beside the address connected to
        assertThat(TraceSearch.await(Map.of("recipient", "bob@" + DOMAIN, "outcome", "delivered"), 1).get(0))
            .containsEntry("host", "mx1.customer.example").containsEntry("address", "127.0.0.2");
        given().post("/hosted-domains/" + DOMAIN + "/probe").then()
            .body("destination", equalTo("127.0.0.2:25"))
            .body("success", equalTo(true));
    }

    @Test
    void mailForADomainWhoseOnlyMxIsThisServerStaysHeldAsALoop() throws Exception {
        sendAndSeeItHeldAsALoop(LOOPING);

        assertThat(customer.messages()).isEmpty();
    }

    @Test
    void mailIsNeverHandedToABackupOfTheSameRank() throws Exception {
        try (CustomerSmtpServer peer = new CustomerSmtpServer(InetAddress.getByName("127.0.0.3"), 25).start()) {
            sendAndSeeItHeldAsALoop(PEERS);

            assertThat(peer.messages()).isEmpty();
        }
    }

    /** James's DNS service gives IPv4 addresses only: an MX host known by its AAAA record alone had no address. */
    @Test
    void anMxHostKnownByItsAaaaRecordAloneGetsItsMail() throws Exception {
        putBackup(IPV6_ONLY);
        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@sender.example",
            Smtp.message("alice@sender.example", "bob@" + IPV6_ONLY, "over aaaa", "x"), "bob@" + IPV6_ONLY);
        assertThat(sent.accepted()).isTrue();

        assertThat(customer.awaitMessages(1, Duration.ofSeconds(10)).get(0).recipients()).containsExactly("bob@" + IPV6_ONLY);
    }

    @Test
    void anMxHostAtAnIpv6AddressOfThisMachineIsThisServer() throws Exception {
        sendAndSeeItHeldAsALoop("v6self.example");
    }

    private static void sendAndSeeItHeldAsALoop(String domain) throws Exception {
        putBackup(domain);
        Smtp sent = Smtp.send(server.smtpInboundPort(), "", Smtp.message("alice@sender.example", "bob@" + domain, "loop", "x"),
            "bob@" + domain);
        assertThat(sent.accepted()).isTrue();

        awaitFirstAttempt(domain);
        given().get("/hosted-domains/" + domain + "/queue").then()
            .body("messages", equalTo(1))
            .body("items[0].lastReply", containsString("4.4.6"));
    }

    /** Held once James's spool hands it over (asynchronous), then tried once. */
    private static void awaitFirstAttempt(String domain) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Optional.ofNullable(given().get("/hosted-domains/" + domain + "/queue").jsonPath().<Integer>get("items[0].attempts"))
            .orElse(0) < 1) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** {@code ::ffff:a.b.c.d} as an IPv6 address (InetAddress.getByName would make it an IPv4 one, 4 bytes on the wire). */
    private static InetAddress ipv4Mapped(int a, int b, int c, int d) throws java.net.UnknownHostException {
        byte[] address = new byte[16];
        address[10] = (byte) 0xff;
        address[11] = (byte) 0xff;
        address[12] = (byte) a;
        address[13] = (byte) b;
        address[14] = (byte) c;
        address[15] = (byte) d;
        return java.net.Inet6Address.getByAddress(null, address, -1);
    }

    private static void putBackup(String domain) {
        putDomain(domain, "{\"service\":\"backup\"}");
    }
}
