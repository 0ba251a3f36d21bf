package org.mxsuite.it.administer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.CustomerAndSenders.SENDERS;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.PanelClient;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.TraceSearch;

/**
 * What a domain owner searches and changes in the panel beyond the held mail: the delivery trace of its own domain
 * only, the retention within the operator's bound (panel.owner.maxRetention, 30d for the test server), a forward
 * domain's target; each read with the REST API's rules and messages.
 */
@SharesTheServer
class PanelTraceAndOwnerBoundsTest {
    private static final String OTHER = "other.example";
    private static final String FORWARD = "forward.example";
    private static final String PASSWORD = "a long secret";

    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @AfterEach
    void cleanUp() {
        given().delete("/panel-accounts/root");
        given().delete("/panel-accounts/owner@customer.example");
    }

    private PanelClient signedIn(String account, String from) throws Exception {
        PanelClient browser = new PanelClient(server.panelPort(), from);
        assertThat(browser.signIn(account, PASSWORD).status).isEqualTo(303);
        return browser;
    }

    private static void accounts(String... ownedDomains) {
        given().body("{\"role\":\"operator\",\"password\":\"" + PASSWORD + "\"}").put("/panel-accounts/root").then().statusCode(201);
        given().body("{\"role\":\"owner\",\"password\":\"" + PASSWORD + "\",\"domains\":[\"" + String.join("\",\"", ownedDomains) + "\"]}")
            .put("/panel-accounts/owner@customer.example").then().statusCode(201);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void anOwnerFindsItsDomainsDeliveryByRecipientAndMessageIdAndNeverAnotherDomainsEvents() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");
        putDomain(OTHER, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:9\",\"recipients\":[\"x\"]}");
        accounts(DOMAIN);
        String messageId = "<" + System.nanoTime() + ".panel@" + SENDERS + ">";
        String refused = "nobody" + System.nanoTime() + "@" + OTHER;
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, "Message-ID: " + messageId + "\r\n"
            + Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, "traced", "body"), "bob@" + DOMAIN).accepted()).isTrue();
        Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, refused, "refused", "body"), refused);
        TraceSearch.await(Map.of("messageId", messageId, "outcome", "delivered"), 1);
        TraceSearch.await(Map.of("recipient", refused), 1);
        PanelClient owner = signedIn("owner@customer.example", "127.0.0.5");

        assertThat(owner.get("/domains/" + DOMAIN).body).contains("href=\"/domains/" + DOMAIN + "/trace\"");
        PanelClient.Answer byRecipient = owner.get("/domains/" + DOMAIN + "/trace?recipient=bob%40" + DOMAIN + "&outcome=delivered");
        assertThat(byRecipient.status).isEqualTo(200);
        assertThat(byRecipient.body).contains("<td>delivered</td>", "<td>alice@" + SENDERS + "</td>", ">250 2.0.0 Ok queued</td>");
        PanelClient.Answer byMessageId = owner.get("/domains/" + DOMAIN + "/trace?messageId=" + encoded(messageId));
        // the message-id finds the held message's delivery too, which carries only its held id
        assertThat(byMessageId.body).contains(Html.escaped(messageId), "<td>delivered</td>", "<td>accepted</td>", "<td>127.0.0.1</td>");

        assertThat(owner.get("/domains/" + DOMAIN + "/trace?domain=" + OTHER + "&recipient=" + encoded(refused)).body)
            .as("a crafted domain parameter: the URL's domain is searched").contains("No event found.").doesNotContain("<td>" + refused + "</td>");
        assertThat(owner.get("/domains/" + OTHER + "/trace").status).isEqualTo(403);
        assertThat(owner.get("/trace?domain=" + OTHER).status).as("every domain's trace is the operators'").isEqualTo(403);
        PanelClient operator = signedIn("root", "127.0.0.6");
        assertThat(operator.get("/trace?recipient=" + encoded(refused)).body).contains("<td>refused</td>", "<td>" + OTHER + "</td>");

        PanelClient.Answer invalid = owner.get("/domains/" + DOMAIN + "/trace?since=yesterday");
        assertThat(invalid.status).isEqualTo(400);
        String restMessage = given().queryParam("since", "yesterday").get("/trace").then().statusCode(400).extract().jsonPath()
            .getString("message");
        assertThat(invalid.body).contains(Html.escaped(restMessage));
    }

    @Test
    void anOwnersRetentionStaysWithinTheOperatorsBoundWhichTheOperatorMayExceed() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:2525\",\"retention\":\"7d\"}");
        accounts(DOMAIN);
        PanelClient owner = signedIn("owner@customer.example", "127.0.0.5");
        PanelClient.Answer page = owner.get("/domains/" + DOMAIN);
        assertThat(page.body).contains("Keep mail for (1h to 30d, the longest allowed here)");

        for (String beyond : new String[] {"60d", "never"}) {
            PanelClient.Answer refused = owner.post("/domains/" + DOMAIN + "/settings", "csrf", page.csrf(), "destination", "127.0.0.1:2526",
                "retention", beyond);
            assertThat(refused.status).as(beyond).isEqualTo(400);
            assertThat(refused.body).contains("retention &#39;" + beyond + "&#39; must be between 1h and 30d");
            given().get("/hosted-domains/" + DOMAIN).then().body("retention", equalTo("7d")).body("destination", equalTo("127.0.0.1:2525"));
        }
        assertThat(owner.post("/domains/" + DOMAIN + "/settings", "csrf", page.csrf(), "retention", "30d").status).isEqualTo(303);

        PanelClient operator = signedIn("root", "127.0.0.6");
        assertThat(operator.get("/domains/" + DOMAIN).body).contains("Keep mail for (1h to 365d, or never)");
        assertThat(operator.post("/domains/" + DOMAIN + "/settings", "csrf", operator.get("/").csrf(), "retention", "60d").status)
            .isEqualTo(303);
        given().get("/hosted-domains/" + DOMAIN).then().body("retention", equalTo("60d"));
        assertThat(owner.post("/domains/" + DOMAIN + "/settings", "csrf", page.csrf(), "retention", "60d", "retryInterval", "20m").status)
            .as("the operator's retention, left as it is").isEqualTo(303);
        given().get("/hosted-domains/" + DOMAIN).then().body("retention", equalTo("60d")).body("retryInterval", equalTo("20m"));
    }

    @Test
    void aForwardDomainsOwnerChangesItsTargetWithTheRestApisRulesAndMessages() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\"}");
        putDomain(FORWARD, "{\"service\":\"forward\",\"forwardTo\":\"alice@elsewhere.example\",\"addresses\":{\"sales\":\"sam@elsewhere.example\"}}");
        accounts(DOMAIN, FORWARD);
        PanelClient owner = signedIn("owner@customer.example", "127.0.0.5");
        PanelClient.Answer page = owner.get("/domains/" + FORWARD);
        assertThat(page.body).contains("value=\"alice@elsewhere.example\"", "sales to sam@elsewhere.example");

        PanelClient.Answer refused = owner.post("/domains/" + FORWARD + "/forward", "csrf", page.csrf(), "forwardTo", "not an address");
        assertThat(refused.status).isEqualTo(400);
        String restMessage = given().body("{\"service\":\"forward\",\"forwardTo\":\"not an address\"}").put("/hosted-domains/" + FORWARD)
            .then().statusCode(400).extract().jsonPath().getString("message");
        assertThat(refused.body).contains(Html.escaped(restMessage));
        given().get("/hosted-domains/" + FORWARD).then().body("forwardTo", equalTo("alice@elsewhere.example"));

        assertThat(owner.post("/domains/" + DOMAIN + "/forward", "csrf", page.csrf(), "forwardTo", "eve@evil.example").status)
            .as("not a forward domain").isEqualTo(403);
        assertThat(owner.post("/domains/" + OTHER + "/forward", "csrf", page.csrf(), "forwardTo", "eve@evil.example").status).isEqualTo(403);
        assertThat(owner.post("/domains/" + FORWARD + "/forward", "csrf", "forged", "forwardTo", "eve@evil.example").status).isEqualTo(403);

        assertThat(owner.post("/domains/" + FORWARD + "/forward", "csrf", page.csrf(), "forwardTo", "carol@elsewhere.example").status)
            .isEqualTo(303);
        given().get("/hosted-domains/" + FORWARD).then().body("forwardTo", equalTo("carol@elsewhere.example"))
            .body("addresses.sales", equalTo("sam@elsewhere.example"));
    }

    /** What the panel's pages show of a text: HTML-escaped. */
    private static final class Html {
        static String escaped(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
        }
    }
}
