package org.mxsuite.it.check;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mxsuite.it.support.ClientSession;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;

import io.restassured.http.ContentType;

/** The internal blocklist over WebAdmin, and its refusals at RCPT, which ask no DNS. */
class LocalBlocklistTest {
    private static final String DOMAIN = "customer.test";

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onFreePort(records -> {
        // empty: a refusal from the local blocklist asks nothing
    });

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of(
        "mxsuite.checks.dnsbl.enabled", "true",
        "mxsuite.dnsbl.sites", "black.test*3",
        "mxsuite.rhsbl.sites", "dbl.test*3"));

    @BeforeEach
    void setUp() {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\"}");
    }

    @AfterEach
    void emptyTheList() {
        for (String network : given().get("/dnsbl/local").jsonPath().<String>getList("network")) {
            given().delete("/dnsbl/local/" + network).then().statusCode(204);
        }
    }

    @Test
    void aListedNetworkIsRefusedWithItsReasonWithoutAskingDns() throws Exception {
        given().body("{\"reason\":\"Spam run from your network, write to abuse@customer.test\"}")
            .put("/dnsbl/local/127.0.0.8/30").then().statusCode(204);
        int queriesBefore = dns.queries();

        ClientSession session = ClientSession.envelope("127.0.0.9", server.smtpInboundPort(), "alice@sender.test",
            "bob@" + DOMAIN, "postmaster@" + DOMAIN);

        assertThat(session.rcptReply(0)).isEqualTo("554 5.7.1 Service unavailable; client [127.0.0.9] blocked using local blocklist; "
            + "Spam run from your network, write to abuse@customer.test");
        assertThat(session.rcptReply(1)).startsWith("250");
        // refused from memory, and postmaster@ is exempt from every blocklist: no query at all
        assertThat(dns.queries()).isEqualTo(queriesBefore);
    }

    @Test
    void aClientOutsideTheNetworkIsAcceptedAndARemovedEntryNoLongerBlocks() throws Exception {
        given().put("/dnsbl/local/127.0.0.10").then().statusCode(204);

        assertThat(ClientSession.envelope("127.0.0.11", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN).rcptReply(0))
            .startsWith("250");
        assertThat(ClientSession.envelope("127.0.0.10", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN).rcptReply(0))
            .isEqualTo("554 5.7.1 Service unavailable; client [127.0.0.10] blocked using local blocklist");

        given().delete("/dnsbl/local/127.0.0.10/32").then().statusCode(204);

        assertThat(ClientSession.envelope("127.0.0.10", server.smtpInboundPort(), "alice@sender.test", "bob@" + DOMAIN).rcptReply(0))
            .startsWith("250");
    }

    @Test
    void entriesAreListedInCanonicalFormWithReasonExpiryAndAddition() {
        given().body("{\"reason\":\"v6 abuse\",\"expires\":\"2099-01-01T00:00:00Z\"}").put("/dnsbl/local/2001:DB8::/32").then().statusCode(204);
        given().body("{\"expiresIn\":\"7d\"}").put("/dnsbl/local/192.0.2.7%2F24").then().statusCode(204);

        given().get("/dnsbl/local")
            .then().statusCode(200).contentType(ContentType.JSON)
            .body("", hasSize(2))
            .body("[0].network", equalTo("192.0.2.0/24"))
            .body("[0].expires", startsWith("20"))
            .body("[1].network", equalTo("2001:db8:0:0:0:0:0:0/32"))
            .body("[1].reason", equalTo("v6 abuse"))
            .body("[1].expires", equalTo("2099-01-01T00:00:00Z"));
        given().get("/dnsbl/local/2001:db8::/32").then().statusCode(200).body("reason", equalTo("v6 abuse"));
        given().get("/dnsbl/local/192.0.2.0%2F24").then().statusCode(200).body("network", equalTo("192.0.2.0/24"));
    }

    @Test
    void anUnlistedNetworkIs404() {
        given().get("/dnsbl/local/198.51.100.0/24").then().statusCode(404).body("type", equalTo("notFound"));
        given().delete("/dnsbl/local/198.51.100.0/24").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"reason\":\"two\\r\\nlines\"}", "{\"expires\":\"tomorrow\"}", "{\"expires\":\"2001-01-01T00:00:00Z\"}",
        "{\"expiresIn\":\"soon\"}", "{\"reason\":5}", "{\"reasn\":\"typo\"}", "[1]", "{"})
    void invalidBodiesAre400AndChangeNothing(String body) {
        given().body(body).put("/dnsbl/local/203.0.113.0/24").then().statusCode(400).body("type", equalTo("InvalidArgument"));

        given().get("/dnsbl/local").then().body("", hasSize(0));
    }

    @Test
    void somethingThatIsNoNetworkIs400() {
        for (String path : List.of("/dnsbl/local/example.com", "/dnsbl/local/192.0.2.0/33", "/dnsbl/local/300.1.1.1")) {
            given().put(path).then().statusCode(400).body("type", equalTo("InvalidArgument"));
        }
    }
}
