package org.mxsuite.it.deliver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.mxsuite.deliver.tls.dane.TlsaAssociation.DANE_EE;
import static org.mxsuite.deliver.tls.dane.TlsaAssociation.DANE_TA;
import static org.mxsuite.deliver.tls.dane.TlsaAssociation.PKIX_EE;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.HostedDomains.removeAllDomains;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.deliver.tls.TestCertificates;
import org.mxsuite.deliver.tls.TestCertificates.Issued;
import org.mxsuite.deliver.tls.dane.TlsaAssociation;
import org.mxsuite.dns.SignedZone;
import org.mxsuite.dns.TestDnsServer;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.JamesMetrics;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.Smtp;
import org.xbill.DNS.DClass;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * DANE (RFC 7672) on real deliveries by MX lookup: the MX hosts live in {@code dane.example.}, a zone the test DNS
 * server (127.0.0.1:53) serves DNSSEC-signed and whose DS the suite is given as its trust anchor; the recipient domains'
 * MX records are unsigned (DANE applies on the MX host's secure TLSA records all the same, see docs/outbound-tls.md).
 * Each MX host is a real SMTP server on its own loopback address, port 25, with or without STARTTLS and a certificate
 * made at test time. Binding ports 53 and 25 needs root: elsewhere the test is skipped with that reason.
 */
class DaneDeliveryTest {
    private static final Issued CA = TestCertificates.authority("DANE Test CA");
    private static final Issued EE = TestCertificates.selfSigned(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30)),
        "anything.example");
    private static final Issued OTHER = TestCertificates.selfSigned(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30)),
        "anything.example");
    private static final Issued TA_LEAF = TestCertificates.leaf(CA, "mx-ta.dane.example");
    private static final Issued TA_WRONG_NAME = TestCertificates.leaf(CA, "mx.elsewhere.example");
    private static final SignedZone ZONE = zone();
    private static final String LOOKUPS = "mxsuite_dane_tlsa_lookups";

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onPort53(records -> records.signed(ZONE)
        .mx("ee.example", 10, "mx-ee.dane.example")
        .mx("eebad.example", 10, "mx-ee-bad.dane.example")
        .mx("ta.example", 10, "mx-ta.dane.example")
        .mx("tawrong.example", 10, "mx-ta-wrong.dane.example")
        .mx("nostarttls.example", 10, "mx-nostarttls.dane.example")
        .mx("bogus.example", 10, "mx-bogus.dane.example")
        .mx("pkix.example", 10, "mx-pkix.dane.example")
        .mx("pkixplain.example", 10, "mx-pkix-plain.dane.example")
        .mx("count.example", 10, "mx-count.dane.example")
        // an unsigned zone publishing TLSA records that no certificate matches: insecure, so they change nothing
        .mx("unsigned.example", 10, "mx.unsigned.example").a("mx.unsigned.example", "127.0.0.7")
        .add(new TLSARecord(TestDnsServer.name("_25._tcp.mx.unsigned.example"), DClass.IN, 60, DANE_EE, 1, 1,
            data(DANE_EE, 1, 1, OTHER))));

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of("mxsuite.dns.timeout", "1s",
        "mxsuite.delivery.dane.trustanchors", trustAnchorFile()));

    private final List<CustomerSmtpServer> customers = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        customers.forEach(CustomerSmtpServer::close);
        removeAllDomains();
    }

    @Test
    void aMatchingDaneEeRecordDeliversOverTls() throws Exception {
        CustomerSmtpServer mx = customer("127.0.0.2", TestCertificates.serverContext(EE));

        send("ee.example");

        ReceivedMessage received = mx.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(received.tls()).isTrue();
    }

    @Test
    void aDaneEeRecordNoCertificateMatchesHoldsTheMail() throws Exception {
        seeItHeldAndNotDelivered("127.0.0.3", TestCertificates.serverContext(EE), "eebad.example", "mx-ee-bad.dane.example",
            "matches no TLSA record");
    }

    @Test
    void aDaneTaRecordAndACertificateForTheMxHostDeliver() throws Exception {
        CustomerSmtpServer mx = customer("127.0.0.4", TestCertificates.serverContext(TA_LEAF, CA.certificate()));

        send("ta.example");

        assertThat(mx.awaitMessages(1, Duration.ofSeconds(10)).get(0).tls()).isTrue();
    }

    @Test
    void aDaneTaRecordAndACertificateForAnotherNameHoldTheMail() throws Exception {
        seeItHeldAndNotDelivered("127.0.0.5", TestCertificates.serverContext(TA_WRONG_NAME, CA.certificate()), "tawrong.example",
            "mx-ta-wrong.dane.example", "is for [mx.elsewhere.example]");
    }

    @Test
    void tlsaRecordsAndNoStarttlsHoldTheMail() throws Exception {
        seeItHeldAndNotDelivered("127.0.0.6", null, "nostarttls.example", "mx-nostarttls.dane.example", "");
    }

    @Test
    void tlsaRecordsOfAnUnsignedZoneChangeNothing() throws Exception {
        // no STARTTLS and TLSA records no certificate matches: the domain's tls setting (opportunistic) applies
        CustomerSmtpServer mx = customer("127.0.0.7", null);

        send("unsigned.example");

        assertThat(mx.awaitMessages(1, Duration.ofSeconds(10)).get(0).tls()).isFalse();
    }

    @Test
    void aBogusTlsaAnswerHoldsTheMail() throws Exception {
        seeItHeldAndNotDelivered("127.0.0.8", TestCertificates.serverContext(EE), "bogus.example", "mx-bogus.dane.example", "lookup bogus");
    }

    @Test
    void onlyPkixRecordsStillRequireTlsButAuthenticateNothing() throws Exception {
        CustomerSmtpServer withTls = customer("127.0.0.9", TestCertificates.serverContext(OTHER));
        CustomerSmtpServer withoutTls = customer("127.0.0.10", null);

        send("pkix.example");
        assertThat(withTls.awaitMessages(1, Duration.ofSeconds(10)).get(0).tls()).isTrue();

        sendAndSeeItHeld("pkixplain.example", "DANE TLSA _25._tcp.mx-pkix-plain.dane.example", "");
        assertThat(withoutTls.messages()).isEmpty();
    }

    /** The TLSA answer is kept for its TTL: 200 messages in 4 batches make one lookup, not 200. */
    @Test
    void aDrainMakesAHandfulOfLookups() throws Exception {
        CustomerSmtpServer mx = customer("127.0.0.11", TestCertificates.serverContext(EE));
        putBackup("count.example");
        long before = JamesMetrics.count(LOOKUPS);

        for (int batch = 1; batch <= 4; batch++) {
            for (int i = 0; i < 50; i++) {
                Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@sender.example",
                    Smtp.message("alice@sender.example", "bob@count.example", "batch " + batch + " #" + i, "x"), "bob@count.example");
                assertThat(sent.accepted()).as(sent.toString()).isTrue();
            }
            mx.awaitMessages(50 * batch, Duration.ofSeconds(60));
        }

        assertThat(mx.messages()).hasSize(200).allMatch(ReceivedMessage::tls);
        long lookups = JamesMetrics.count(LOOKUPS) - before;
        System.out.println("DANE TLSA lookups for 200 messages in 4 batches: " + lookups);
        // one per TTL (60 s): a second only if the drain outlived it
        assertThat(lookups).isBetween(1L, 2L);
    }

    private CustomerSmtpServer customer(String address, SSLContext tls) throws Exception {
        CustomerSmtpServer customer = new CustomerSmtpServer(InetAddress.getByName(address), 25);
        if (tls != null) {
            customer.withStartTls(tls);
        }
        try {
            customer.start();
        } catch (IOException e) {
            Assumptions.assumeTrue(false, "skipped: an MX on " + address + ":25 needs root (" + e.getMessage() + ")");
        }
        customers.add(customer);
        return customer;
    }

    private static void send(String domain) throws Exception {
        putBackup(domain);
        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@sender.example",
            Smtp.message("alice@sender.example", "bob@" + domain, "dane", "x"), "bob@" + domain);
        assertThat(sent.accepted()).as(sent.toString()).isTrue();
    }

    /** The MX host at {@code address} (STARTTLS with {@code tls}, or none) gets nothing; the mail waits and says why. */
    private void seeItHeldAndNotDelivered(String address, SSLContext tls, String domain, String mxHost, String reason) throws Exception {
        CustomerSmtpServer mx = customer(address, tls);

        sendAndSeeItHeld(domain, "DANE TLSA _25._tcp." + mxHost, reason);

        assertThat(mx.messages()).isEmpty();
    }

    /** Sent, tried once, still held, and the queue listing says why (451 4.7.5, the requirement's source, the reason). */
    private static void sendAndSeeItHeld(String domain, String source, String reason) throws Exception {
        send(domain);
        Instant deadline = Instant.now().plusSeconds(15);
        while (Optional.ofNullable(given().get("/hosted-domains/" + domain + "/queue").jsonPath().<Integer>get("items[0].attempts"))
            .orElse(0) < 1) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(100);
        }
        System.out.println(domain + " held: " + given().get("/hosted-domains/" + domain + "/queue").jsonPath().getString("items[0].lastReply"));
        given().get("/hosted-domains/" + domain + "/queue").then()
            .body("messages", equalTo(1))
            .body("items[0].lastReply", containsString("4.7.5"))
            .body("items[0].lastReply", containsString(source))
            .body("items[0].lastReply", containsString(reason));
    }

    private static void putBackup(String domain) {
        putDomain(domain, "{\"service\":\"backup\"}");
    }

    private static SignedZone zone() {
        try {
            return SignedZone.create("dane.example")
                .a("mx-ee.dane.example", "127.0.0.2").tlsa("mx-ee.dane.example", DANE_EE, 1, 1, data(DANE_EE, 1, 1, EE))
                .a("mx-ee-bad.dane.example", "127.0.0.3").tlsa("mx-ee-bad.dane.example", DANE_EE, 1, 1, data(DANE_EE, 1, 1, OTHER))
                .a("mx-ta.dane.example", "127.0.0.4").tlsa("mx-ta.dane.example", DANE_TA, 0, 1, data(DANE_TA, 0, 1, CA))
                .a("mx-ta-wrong.dane.example", "127.0.0.5").tlsa("mx-ta-wrong.dane.example", DANE_TA, 0, 1, data(DANE_TA, 0, 1, CA))
                .a("mx-nostarttls.dane.example", "127.0.0.6").tlsa("mx-nostarttls.dane.example", DANE_EE, 1, 1, data(DANE_EE, 1, 1, EE))
                .a("mx-bogus.dane.example", "127.0.0.8").tlsa("mx-bogus.dane.example", DANE_EE, 1, 1, data(DANE_EE, 1, 1, EE))
                .badSignature("_25._tcp.mx-bogus.dane.example", Type.TLSA)
                .a("mx-pkix.dane.example", "127.0.0.9").tlsa("mx-pkix.dane.example", PKIX_EE, 1, 1, data(PKIX_EE, 1, 1, OTHER))
                .a("mx-pkix-plain.dane.example", "127.0.0.10").tlsa("mx-pkix-plain.dane.example", PKIX_EE, 1, 1, data(PKIX_EE, 1, 1, OTHER))
                .a("mx-count.dane.example", "127.0.0.11").tlsa("mx-count.dane.example", DANE_EE, 1, 1, data(DANE_EE, 1, 1, EE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] data(int usage, int selector, int matchingType, Issued certificate) {
        return TlsaAssociation.naming(usage, selector, matchingType, certificate.certificate()).data();
    }

    private static String trustAnchorFile() {
        try {
            Path file = Files.createTempFile("dane-anchor", ".ds");
            file.toFile().deleteOnExit();
            Files.writeString(file, ZONE.trustAnchor());
            return file.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
