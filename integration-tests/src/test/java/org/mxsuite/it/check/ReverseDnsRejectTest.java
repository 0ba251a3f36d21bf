package org.mxsuite.it.check;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.ClientSession;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** reverseDns.action=reject: no confirmed name is a permanent refusal; a DNS failure still only defers. */
class ReverseDnsRejectTest {

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onFreePort(records -> records.servfail("5.0.0.127.in-addr.arpa"));

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of(
        "mxsuite.checks.reversedns.enabled", "true",
        "mxsuite.reversedns.action", "reject"));

    @Test
    void noPtrIsRejectedAndAFailureDeferred() throws Exception {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = server.webAdminPort();
        given().contentType(ContentType.JSON).body("{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\"}")
            .put("/hosted-domains/customer.test").then().statusCode(204);

        assertThat(ClientSession.envelope("127.0.0.4", server.smtpInboundPort(), "a@b.test", "bob@customer.test").rcptReply(0))
            .isEqualTo("550 5.7.25 Client host rejected: cannot find your reverse hostname, [127.0.0.4]");
        assertThat(ClientSession.envelope("127.0.0.5", server.smtpInboundPort(), "a@b.test", "bob@customer.test").rcptReply(0))
            .startsWith("451 4.4.3");
        assertThat(ClientSession.envelope("127.0.0.1", server.smtpInboundPort(), "a@b.test", "bob@customer.test").rcptReply(0))
            .startsWith("250");
    }
}
