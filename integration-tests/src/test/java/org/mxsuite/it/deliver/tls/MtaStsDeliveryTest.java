package org.mxsuite.it.deliver.tls;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.HostedDomains.removeAllDomains;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mxsuite.deliver.tls.TestCertificates;
import org.mxsuite.deliver.tls.TestCertificates.Issued;
import org.mxsuite.dns.TestDnsServer;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.JamesMetrics;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MtaStsPolicyServer;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.Smtp;
import org.xbill.DNS.DClass;
import org.xbill.DNS.TXTRecord;

/**
 * MTA-STS (RFC 8461) on mail delivered by MX lookup, end to end: backup domains without a destination whose MX hosts
 * (customer SMTP servers on 127.0.0.2-6:25, certificates from a test CA that {@code delivery.tls.caFile} trusts) and
 * policies (an HTTPS server on 127.0.0.1:443) are found through a real DNS server on 127.0.0.1:53. Every failure holds
 * the mail with a 451 4.7.5 that says why, and nothing reaches the MX host in clear. Binding ports 25, 53 and 443
 * needs root: elsewhere the class is skipped with that reason.
 */
class MtaStsDeliveryTest {
    private static final Issued CA = TestCertificates.authority("MTA-STS delivery test CA");
    private static final String[] DOMAINS = {"enforce.example", "unlisted.example", "wrongname.example", "expired.example",
        "untrusted.example", "plain.example", "testing.example", "none.example", "cached.example", "failfetch.example",
        "refetch.example", "drain.example"};
    /** Short, so that a changed TXT id is seen within the test (the TXT records of those tests live 1s in DNS too). */
    private static final Duration TXT_CACHE_TIME = Duration.ofSeconds(1);

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onPort53(records -> {
        mx(records, "enforce.example", "127.0.0.2");
        mx(records, "unlisted.example", "127.0.0.2");
        mx(records, "drain.example", "127.0.0.2");
        mx(records, "wrongname.example", "127.0.0.3");
        mx(records, "testing.example", "127.0.0.3");
        mx(records, "expired.example", "127.0.0.4");
        mx(records, "untrusted.example", "127.0.0.5");
        mx(records, "plain.example", "127.0.0.6");
        mx(records, "none.example", "127.0.0.6");
        mx(records, "cached.example", "127.0.0.6");
        mx(records, "failfetch.example", "127.0.0.6");
        mx(records, "refetch.example", "127.0.0.6");
        for (String domain : DOMAINS) {
            records.a("mta-sts." + domain, "127.0.0.1");
            policyId(records, domain, "first");
        }
    });

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of("mxsuite.dns.timeout", "1s",
        "mxsuite.delivery.tls.cafile", caFile().toString(),
        "mxsuite.delivery.mtasts.txtcachetime", TXT_CACHE_TIME.toSeconds() + "s"));

    private static MtaStsPolicyServer policies;
    /** Certificates valid for their MX names. */
    private static CustomerSmtpServer good;
    /** A valid certificate, for another name. */
    private static CustomerSmtpServer wrongName;
    private static CustomerSmtpServer expired;
    /** A certificate of an authority nobody trusts. */
    private static CustomerSmtpServer untrusted;
    /** No STARTTLS. */
    private static CustomerSmtpServer plain;

    @BeforeAll
    static void startPeers() throws Exception {
        Issued rogue = TestCertificates.authority("Rogue CA");
        try {
            List<String> policyHosts = new ArrayList<>();
            for (String domain : DOMAINS) {
                policyHosts.add("mta-sts." + domain);
            }
            policies = MtaStsPolicyServer.onPort443(signedBy(CA, policyHosts.toArray(new String[0])));
            good = customer("127.0.0.2", signedBy(CA, "mx.enforce.example", "mx.unlisted.example", "mx.drain.example"));
            wrongName = customer("127.0.0.3", signedBy(CA, "other.example"));
            Issued expiredYesterday = TestCertificates.leaf(CA, Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)), "mx.expired.example");
            expired = customer("127.0.0.4", TestCertificates.serverContext(expiredYesterday, CA.certificate()));
            untrusted = customer("127.0.0.5", signedBy(rogue, "mx.untrusted.example"));
            plain = customer("127.0.0.6", null);
        } catch (IOException e) {
            stopPeers();
            Assumptions.assumeTrue(false, "skipped: the policy host (127.0.0.1:443) and the MX hosts (port 25) need root ("
                + e.getMessage() + ")");
        }
    }

    @AfterAll
    static void stopPeers() {
        for (AutoCloseable peer : new AutoCloseable[] {policies, good, wrongName, expired, untrusted, plain}) {
            try {
                if (peer != null) {
                    peer.close();
                }
            } catch (Exception e) {
                // closing what is left
            }
        }
    }

    @BeforeEach
    void forgetEarlierMessages() {
        for (CustomerSmtpServer customer : new CustomerSmtpServer[] {good, wrongName, expired, untrusted, plain}) {
            customer.clearMessages();
        }
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        removeAllDomains();
    }

    @Test
    void enforceDeliversToAListedMxHostOverTlsWithAValidCertificate() throws Exception {
        policies.serve("enforce.example", enforce("mx.enforce.example"));

        send("enforce.example", "enforced");

        ReceivedMessage received = delivered(good, "enforced");
        assertThat(received.tls()).isTrue();
        assertThat(received.recipients()).containsExactly("bob@enforce.example");
        given().post("/hosted-domains/enforce.example/probe").then().statusCode(200)
            .body("success", equalTo(true))
            .body("steps.reply", hasItem("authenticated (MTA-STS policy of enforce.example (enforce))"))
            .body("steps.reply", hasItem(startsWith("verified: certificate valid for mx.enforce.example")));
    }

    @Test
    void enforceHoldsMailForAnMxHostThePolicyDoesNotList() throws Exception {
        policies.serve("unlisted.example", enforce("mx.elsewhere.example"));

        send("unlisted.example", "unlisted");

        assertHeld("unlisted.example", allOf(containsString("451 4.7.5"),
            containsString("MX host mx.unlisted.example is not listed in the MTA-STS policy of unlisted.example"),
            containsString("MTA-STS policy of unlisted.example (enforce)")));
        assertThat(good.messages()).isEmpty();
        given().post("/hosted-domains/unlisted.example/probe").then().statusCode(200)
            .body("success", equalTo(false))
            .body("steps.reply", hasItem(containsString("is not listed in the MTA-STS policy of unlisted.example")));
    }

    /** Held until its retention ends, then returned to its sender with the reason MTA-STS gave. */
    @Test
    void theDsnAtTheEndOfRetentionSaysWhyTheMailWasNotDelivered() throws Exception {
        try (CustomerSmtpServer senders = new CustomerSmtpServer().start()) {
            putDomain("sender.example", "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + senders.port() + "\"}");
            policies.serve("unlisted.example", enforce("mx.elsewhere.example"));
            send("unlisted.example", "returned", ",\"retention\":\"1d\"");
            assertHeld("unlisted.example", containsString("is not listed in the MTA-STS policy"));

            try (Connection connection = server.stateConnection();
                 PreparedStatement age = connection.prepareStatement(
                     "UPDATE held_message SET received_at = received_at - ? WHERE domain = 'unlisted.example'")) {
                age.setLong(1, Duration.ofDays(2).toMillis());
                assertThat(age.executeUpdate()).isEqualTo(1);
            }

            String dsn = senders.awaitMessages(1, Duration.ofSeconds(15)).get(0).contentAsString();
            assertThat(dsn).contains("Final-Recipient: rfc822; bob@unlisted.example", "Action: failed", "Subject: returned");
            assertThat(dsn.replaceAll("\r\n\\s+", " ")).contains("451 4.7.5", "MX host mx.unlisted.example is not listed in the MTA-STS policy");
            assertThat(good.messages()).isEmpty();
        }
    }

    /** A listed MX host whose TLS does not authenticate it: the mail waits, and the queue says why. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrongname.example | 127.0.0.3 | not authenticated: certificate 'CN=other.example' is for [other.example], not mx.wrongname.example",
        "expired.example   | 127.0.0.4 | not authenticated: certificate 'CN=mx.expired.example' not trusted",
        "untrusted.example | 127.0.0.5 | not authenticated: certificate 'CN=mx.untrusted.example' not trusted",
        "plain.example     | 127.0.0.6 | does not offer STARTTLS"})
    void enforceHoldsMailForAListedMxHostWithoutAuthenticatedTls(String domain, String mxAddress, String reason) throws Exception {
        policies.serve(domain, enforce("mx." + domain));

        send(domain, "to " + domain);

        assertHeld(domain, allOf(containsString("451 4.7.5"), containsString(reason),
            containsString("MTA-STS policy of " + domain + " (enforce)")));
        assertThat(customerAt(mxAddress).messages()).isEmpty();
    }

    @Test
    void testingDeliversDespiteABadCertificateAndCountsTheFailure() throws Exception {
        policies.serve("testing.example", enforce("mx.testing.example").replace("mode: enforce", "mode: testing"));
        long failuresBefore = JamesMetrics.count("mxsuite_mta_sts_testing_failures");

        send("testing.example", "testing mode");

        assertThat(delivered(wrongName, "testing mode").tls()).isTrue();
        assertThat(JamesMetrics.count("mxsuite_mta_sts_testing_failures")).isGreaterThan(failuresBefore);
    }

    @Test
    void modeNoneIsDeliveredAsWithoutAPolicy() throws Exception {
        policies.serve("none.example", "version: STSv1\r\nmode: none\r\nmax_age: 86400\r\n");

        send("none.example", "mode none");

        assertThat(delivered(plain, "mode none").tls()).isFalse();
    }

    @Test
    void aPolicyThatCannotBeFetchedWithNoneStoredIsNoPolicy() throws Exception {
        policies.fail("failfetch.example");

        send("failfetch.example", "no policy fetched");

        assertThat(delivered(plain, "no policy fetched").tls()).isFalse();
    }

    @Test
    void aStoredEnforcePolicyStillAppliesWhenThePolicyHostIsDown() throws Exception {
        policies.serve("cached.example", enforce("mx.cached.example"));
        send("cached.example", "cached first");
        assertHeld("cached.example", containsString("does not offer STARTTLS"));
        given().delete("/hosted-domains/cached.example/queue/" + heldId("cached.example"));

        policies.fail("cached.example");
        dns.add(records -> policyId(records.remove("_mta-sts.cached.example"), "cached.example", "second"));
        Thread.sleep(TXT_CACHE_TIME.toMillis() + 1100);
        send("cached.example", "cached second");

        assertHeld("cached.example", allOf(containsString("451 4.7.5"), containsString("does not offer STARTTLS"),
            containsString("MTA-STS policy of cached.example (enforce)")));
        // asked again for the new id, and again at each TXT lookup while it fails (every second here)
        assertThat(policies.requests("cached.example")).as("a new id: the policy host was asked again").isGreaterThanOrEqualTo(2);
        assertThat(plain.messages()).isEmpty();
    }

    @Test
    void aNewTxtIdFetchesThePolicyAgain() throws Exception {
        policies.serve("refetch.example", "version: STSv1\r\nmode: none\r\nmax_age: 86400\r\n");
        send("refetch.example", "before the new id");
        delivered(plain, "before the new id");

        policies.serve("refetch.example", enforce("mx.refetch.example"));
        dns.add(records -> policyId(records.remove("_mta-sts.refetch.example"), "refetch.example", "second"));
        Thread.sleep(TXT_CACHE_TIME.toMillis() + 1100);
        send("refetch.example", "after the new id");

        assertHeld("refetch.example", allOf(containsString("does not offer STARTTLS"),
            containsString("MTA-STS policy of refetch.example (enforce)")));
        assertThat(policies.requests("refetch.example")).isEqualTo(2);
        assertThat(plain.messages()).hasSize(1);
    }

    /** The issue's figure: a drain to one domain makes a handful of TXT lookups and one policy fetch, not one per message. */
    @Test
    void aDrainOfManyMessagesMakesAHandfulOfLookupsAndOneFetch() throws Exception {
        policies.serve("drain.example", enforce("mx.drain.example"));
        putDomain("drain.example", "{\"service\":\"backup\",\"paused\":true}");
        int messages = 200;
        for (int i = 0; i < messages; i++) {
            Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@sender.example",
                Smtp.message("alice@sender.example", "bob@drain.example", "drain " + i, "x"), "bob@drain.example");
            assertThat(sent.accepted()).isTrue();
        }
        awaitHeld("drain.example", messages);
        long lookupsBefore = JamesMetrics.count("mxsuite_mta_sts_txt_lookups");
        long fetchesBefore = JamesMetrics.count("mxsuite_mta_sts_policy_fetches");
        Instant start = Instant.now();

        putDomain("drain.example", "{\"service\":\"backup\",\"paused\":false}");
        given().post("/hosted-domains/drain.example/queue?action=flush");

        good.awaitMessages(messages, Duration.ofSeconds(60));
        long lookups = JamesMetrics.count("mxsuite_mta_sts_txt_lookups") - lookupsBefore;
        long fetches = JamesMetrics.count("mxsuite_mta_sts_policy_fetches") - fetchesBefore;
        System.out.println("MTA-STS drain figure: " + messages + " messages in " + Duration.between(start, Instant.now()).toMillis()
            + " ms, " + lookups + " TXT lookups, " + fetches + " policy fetches (TXT answer kept " + TXT_CACHE_TIME.toSeconds() + "s)");
        assertThat(good.messages()).allMatch(ReceivedMessage::tls);
        assertThat(fetches).isEqualTo(1);
        assertThat(policies.requests("drain.example")).isEqualTo(1);
        // one lookup per TXT_CACHE_TIME of the drain at most, however many messages and connections
        long seconds = Duration.between(start, Instant.now()).toSeconds();
        assertThat(lookups).isBetween(1L, seconds / TXT_CACHE_TIME.toSeconds() + 2).isLessThan(messages / 10);
    }

    private static String enforce(String mx) {
        return "version: STSv1\r\nmode: enforce\r\nmx: " + mx + "\r\nmax_age: 86400\r\n";
    }

    private static void send(String domain, String subject) throws Exception {
        send(domain, subject, "");
    }

    /** As a backup domain with these further settings (",\"retention\":\"1d\""). */
    private static void send(String domain, String subject, String settings) throws Exception {
        putDomain(domain, "{\"service\":\"backup\"" + settings + "}");
        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@sender.example",
            Smtp.message("alice@sender.example", "bob@" + domain, subject, "x"), "bob@" + domain);
        assertThat(sent.accepted()).as(sent.toString()).isTrue();
    }

    private static ReceivedMessage delivered(CustomerSmtpServer customer, String subject) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            for (ReceivedMessage message : customer.messages()) {
                if (message.contentAsString().contains("\r\nSubject: " + subject + "\r\n")) {
                    return message;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + subject + "' not delivered: " + customer.messages());
    }

    /** The message is kept (one in the queue), tried, and its last reply, as the queue lists it, says why. */
    private static void assertHeld(String domain, Matcher<String> reply) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Optional.ofNullable(given().get("/hosted-domains/" + domain + "/queue").jsonPath().<Integer>get("items[0].attempts"))
            .orElse(0) < 1) {
            assertThat(Instant.now()).as("a first attempt of " + domain + "'s mail").isBefore(deadline);
            Thread.sleep(100);
        }
        given().get("/hosted-domains/" + domain + "/queue").then()
            .body("messages", equalTo(1))
            .body("items[0].lastReply", reply);
    }

    private static void awaitHeld(String domain, int messages) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!Integer.valueOf(messages).equals(given().get("/hosted-domains/" + domain + "/queue").jsonPath().get("messages"))) {
            assertThat(Instant.now()).as(messages + " messages held for " + domain).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static String heldId(String domain) {
        return given().get("/hosted-domains/" + domain + "/queue").jsonPath().getString("items[0].id");
    }

    /** A server context presenting a certificate of {@code authority} for these names, then the authority's. */
    private static SSLContext signedBy(Issued authority, String... names) {
        return TestCertificates.serverContext(TestCertificates.leaf(authority, names), authority.certificate());
    }

    private static CustomerSmtpServer customerAt(String address) {
        Map<String, CustomerSmtpServer> byAddress = Map.of("127.0.0.2", good, "127.0.0.3", wrongName, "127.0.0.4", expired,
            "127.0.0.5", untrusted, "127.0.0.6", plain);
        return byAddress.get(address);
    }

    private static CustomerSmtpServer customer(String address, SSLContext tls) throws IOException {
        CustomerSmtpServer customer = new CustomerSmtpServer(InetAddress.getByName(address), 25);
        return (tls == null ? customer : customer.withStartTls(tls)).start();
    }

    private static void mx(TestDnsServer records, String domain, String address) throws Exception {
        records.mx(domain, 10, "mx." + domain).a("mx." + domain, address);
    }

    /** The domain's {@code _mta-sts} record, living 1s in caches so that a test can change it. */
    private static void policyId(TestDnsServer records, String domain, String id) throws Exception {
        records.add(new TXTRecord(TestDnsServer.name("_mta-sts." + domain), DClass.IN, 1, "v=STSv1; id=" + id + ";"));
    }

    private static Path caFile() {
        try {
            Path directory = Files.createTempDirectory("mta-sts-ca");
            directory.toFile().deleteOnExit();
            Path file = TestCertificates.writePem(CA.certificate(), directory.resolve("ca.pem"));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
