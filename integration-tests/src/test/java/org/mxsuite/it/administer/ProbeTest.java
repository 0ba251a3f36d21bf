package org.mxsuite.it.administer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;

/**
 * The probe of a domain's destination over WebAdmin (POST /hosted-domains/{domain}/probe): a test transaction that
 * delivers nothing, every step reported.
 */
@SharesTheServer
class ProbeTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @Test
    void theProbeReportsEveryStepOfATestTransaction() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");

        given().post("/hosted-domains/" + DOMAIN + "/probe")
            .then().statusCode(200)
            .body("destination", equalTo("127.0.0.1:" + servers.customer().port()))
            .body("success", equalTo(true))
            .body("steps.command", org.hamcrest.Matchers.hasItems("EHLO " + "mxsuite.test", "MAIL FROM:<>", "RCPT TO:<postmaster@" + DOMAIN + ">", "RSET"))
            .body("steps[0].reply", org.hamcrest.Matchers.equalTo("opportunistic (tls setting opportunistic)"))
            .body("steps[1].reply", org.hamcrest.Matchers.startsWith("220 customer.test"));
        assertThat(servers.customer().messages()).isEmpty();

        servers.customer().stop();
        given().post("/hosted-domains/" + DOMAIN + "/probe")
            .then().statusCode(200)
            .body("success", equalTo(false))
            .body("steps[1].reply", org.hamcrest.Matchers.startsWith("421 4.4.1 cannot connect"));
    }

    @Test
    void theProbeFindsADestinationThatIsThisServerItself() {
        // the mistake the probe is for: delivery would hold every message with 4.4.6
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + server.smtpInboundPort() + "\"}");

        given().post("/hosted-domains/" + DOMAIN + "/probe")
            .then().statusCode(200)
            .body("success", equalTo(false))
            .body("steps.reply", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("4.4.6")))
            .body("steps.command", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("MAIL FROM:<>")));
    }

    @Test
    void theProbeOfAServerThatHangsUpAfterItsGreetingFails() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread server = new Thread(() -> {
                try (Socket client = listener.accept()) {
                    client.getOutputStream().write("220 hangs-up.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the probe sees what it sees
                }
            });
            server.start();
            putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + listener.getLocalPort() + "\"}");

            given().post("/hosted-domains/" + DOMAIN + "/probe").then().statusCode(200)
                .body("success", equalTo(false))
                .body("steps.command", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("MAIL FROM:<>")));
            server.join(5000);
        }
    }
}
