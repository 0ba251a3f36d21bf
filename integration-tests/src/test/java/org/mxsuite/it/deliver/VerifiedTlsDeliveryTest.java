package org.mxsuite.it.deliver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.HostedDomains.awaitAttempts;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mxsuite.deliver.tls.PeerChecks;
import org.mxsuite.deliver.tls.TestCertificates;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.SharesTheServer;


/**
 * The tls levels that authenticate a customer's server, against a real SMTP server with certificates of a test CA:
 * {@code verify} delivers only to a certificate of a trusted CA for the server's name, {@code fingerprint} only to a
 * pinned certificate. Every failure holds the mail with {@code 451 4.7.5} and the reason in the queue listing, sends
 * nothing in clear, and the mail goes once the server presents the right certificate.
 */
@SharesTheServer
class VerifiedTlsDeliveryTest {
    private static final String NAME = "mx.customer.example";

    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @TempDir
    static Path directory;
    static TestCertificates.Issued ca;
    static Path caFile;
    static TestCertificates.Issued good;
    static TestCertificates.Issued byAddress;
    static TestCertificates.Issued otherName;
    static TestCertificates.Issued expired;
    static TestCertificates.Issued selfSigned;

    @BeforeAll
    static void certificates() {
        ca = TestCertificates.authority("Customer Test CA");
        caFile = TestCertificates.writePem(ca.certificate(), directory.resolve("ca.pem"));
        good = TestCertificates.leaf(ca, NAME);
        byAddress = TestCertificates.leaf(ca, "ip:127.0.0.1");
        otherName = TestCertificates.leaf(ca, "mail.elsewhere.example");
        Instant now = Instant.now();
        expired = TestCertificates.leaf(ca, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(370)), NAME);
        selfSigned = TestCertificates.selfSigned(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), NAME);
    }

    private String verify(String extra) {
        return "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"tls\":\"verify\","
            + "\"tlsCaFile\":\"" + caFile + "\"" + extra + "}";
    }

    private void serve(TestCertificates.Issued certificate) throws Exception {
        int port = servers.customer().port();
        servers.customer().close();
        servers.replaceCustomer(new CustomerSmtpServer(InetAddress.getLoopbackAddress(), port)
            .withStartTls(certificate == selfSigned ? TestCertificates.serverContext(certificate)
                : TestCertificates.serverContext(certificate, ca.certificate())).start());
    }

    private ReceivedMessage deliveredOverTls() throws Exception {
        ReceivedMessage received = servers.customer().awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(received.tls()).isTrue();
        awaitQueueSize(DOMAIN, 0);
        return received;
    }

    private void heldWith(String... reasons) throws Exception {
        awaitAttempts(DOMAIN, 1);
        String lastReply = given().get("/hosted-domains/" + DOMAIN + "/queue").jsonPath().getString("items[0].lastReply");
        assertThat(lastReply).startsWith("451 4.7.5").contains(reasons);
        assertThat(servers.customer().messages()).isEmpty();
    }

    @Test
    void verifyDeliversToACertificateOfTheTrustedCaForTheDestinationAddressOrTlsName() throws Exception {
        serve(byAddress);
        putDomain(DOMAIN, verify(""));
        assertThat(servers.sendToBob("by address").accepted()).isTrue();
        deliveredOverTls();

        serve(good);
        putDomain(DOMAIN, verify(",\"tlsName\":\"" + NAME + "\""));
        assertThat(servers.sendToBob("by name").accepted()).isTrue();
        deliveredOverTls();
    }

    @Test
    void aCertificateForAnotherNameHoldsTheMailUntilTheServerPresentsTheRightOne() throws Exception {
        serve(otherName);
        putDomain(DOMAIN, verify(",\"tlsName\":\"" + NAME + "\""));
        assertThat(servers.sendToBob("wrong name").accepted()).isTrue();
        heldWith("not authenticated", "is for [mail.elsewhere.example], not " + NAME, "tls setting verify");

        serve(good);
        given().post("/hosted-domains/" + DOMAIN + "/queue?action=flush").then().statusCode(202);
        assertThat(deliveredOverTls().contentAsString()).contains("Subject: wrong name");
    }

    @Test
    void anExpiredCertificateHoldsTheMail() throws Exception {
        serve(expired);
        putDomain(DOMAIN, verify(",\"tlsName\":\"" + NAME + "\""));
        assertThat(servers.sendToBob("expired").accepted()).isTrue();
        heldWith("not trusted", "expired");
    }

    @Test
    void aCertificateNoTrustedCaSignedHoldsTheMail() throws Exception {
        serve(selfSigned);
        putDomain(DOMAIN, verify(",\"tlsName\":\"" + NAME + "\""));
        assertThat(servers.sendToBob("self-signed").accepted()).isTrue();
        heldWith("not trusted (" + caFile + ")");
    }

    @Test
    void aServerWithoutStartTlsGetsNothingInClear() throws Exception {
        putDomain(DOMAIN, verify(""));
        assertThat(servers.sendToBob("no starttls").accepted()).isTrue();
        heldWith("does not offer STARTTLS, which tls setting verify requires");
    }

    @Test
    void fingerprintDeliversToThePinnedCertificateOnly() throws Exception {
        serve(selfSigned);
        String pinned = PeerChecks.fingerprint(selfSigned.certificate());
        String otherPin = PeerChecks.fingerprint(good.certificate());
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\","
            + "\"tls\":\"fingerprint\",\"tlsFingerprints\":[\"" + otherPin + "\"]}");
        assertThat(servers.sendToBob("pinned").accepted()).isTrue();
        heldWith("not authenticated", "not a pinned one", "tls setting fingerprint");

        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\","
            + "\"tls\":\"fingerprint\",\"tlsFingerprints\":[\"" + otherPin + "\",\"" + colons(pinned) + "\"]}");
        given().post("/hosted-domains/" + DOMAIN + "/queue?action=flush").then().statusCode(202);
        deliveredOverTls();
    }

    @Test
    void opportunisticAndRequiredEncryptWithoutAuthenticating() throws Exception {
        serve(selfSigned);
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"tls\":\"required\"}");
        assertThat(servers.sendToBob("required").accepted()).isTrue();
        deliveredOverTls();
    }

    @Test
    void theProbeReportsWhatItVerifiedOrWhyNot() throws Exception {
        serve(good);
        putDomain(DOMAIN, verify(",\"tlsName\":\"" + NAME + "\""));
        given().post("/hosted-domains/" + DOMAIN + "/probe").then().statusCode(200)
            .body("success", equalTo(true))
            .body("steps.reply", hasItem(containsString("authenticated (tls setting verify)")))
            .body("steps.reply", hasItem("verified: certificate valid for " + NAME + " (" + caFile + ") (tls setting verify)"));

        serve(otherName);
        given().post("/hosted-domains/" + DOMAIN + "/probe").then().statusCode(200)
            .body("success", equalTo(false))
            .body("steps.command", hasItem("certificate"))
            .body("steps.command", org.hamcrest.Matchers.not(hasItem("MAIL FROM:<>")));
    }

    @Test
    void invalidSettingsAreRefusedWithTheReason() {
        String destination = "\"service\":\"relay\",\"destination\":\"127.0.0.1:2525\"";
        refused("{" + destination + ",\"tls\":\"fingerprint\"}", "tls fingerprint needs tlsFingerprints");
        refused("{" + destination + ",\"tls\":\"fingerprint\",\"tlsFingerprints\":[\"abc\"]}", "is not a SHA-256 fingerprint");
        refused("{" + destination + ",\"tls\":\"verify\",\"tlsCaFile\":\"ca.pem\"}", "must be an absolute path");
        refused("{" + destination + ",\"tls\":\"verify\",\"tlsCaFile\":\"" + directory.resolve("missing.pem") + "\"}", "cannot be read");
        refused("{" + destination + ",\"tls\":\"verify\",\"tlsName\":\"not a name\"}", "tlsName");
        refused("{" + destination + ",\"tls\":\"secure\"}", "unknown tls policy 'secure'; expected one of opportunistic, required, off, verify, fingerprint");
        given().get("/hosted-domains/" + DOMAIN).then().statusCode(404);
    }

    private static void refused(String json, String reason) {
        given().body(json).put("/hosted-domains/" + DOMAIN).then().statusCode(400).body("message", containsString(reason));
    }

    private static String colons(String hex) {
        StringBuilder upper = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            upper.append(i == 0 ? "" : ":").append(hex.substring(i, i + 2).toUpperCase(java.util.Locale.ROOT));
        }
        return upper.toString();
    }
}
