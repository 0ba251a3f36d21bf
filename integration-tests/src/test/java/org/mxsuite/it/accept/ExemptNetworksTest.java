package org.mxsuite.it.accept;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.MailClients;
import org.mxsuite.it.support.MxSuiteServer;

/** {@code ban.exempt} as an administrator writes it in james-conf/: failures from those networks never ban. */
class ExemptNetworksTest {
    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer(Map.of("mxsuite.ban.exempt", "192.0.2.0/24, 127.0.0.0/8, ::1"));

    @Test
    void failuresFromAnExemptNetworkNeverBan() throws Exception {
        for (int i = 0; i < 12; i++) {
            assertThat(MailClients.smtpAuth(server.smtpSubmissionPort(), "mallory@nowhere.example", "guess" + i)).startsWith("535");
        }

        given().get("/bans").then().body("", hasSize(0));
        assertThat(MailClients.smtpAuth(server.smtpSubmissionPort(), "mallory@nowhere.example", "again")).startsWith("535");
    }

    @Test
    void anExemptAddressCannotBeBannedByHand() {
        given().put("/bans/127.0.0.1").then().statusCode(400).body("message", containsString("exempt"));
        given().put("/bans/::1").then().statusCode(400);
        given().put("/bans/192.0.2.200").then().statusCode(400);
        given().put("/bans/198.51.100.1").then().statusCode(200);
        given().delete("/bans/198.51.100.1").then().statusCode(204);
    }
}
