package org.mxsuite.it.administer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.ClientSession;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.PanelClient;
import org.mxsuite.it.support.Smtp;

import io.restassured.http.ContentType;

/**
 * The operator's pages of the control panel over HTTP: relay accounts, bans, the internal blocklist, greylisting and
 * the destinations' health, each acting on the running server as WebAdmin does; a domain owner gets none of them.
 * Its own server, not the shared one: the internal blocklist refuses only while DNS blocklist checks are on, and the
 * greylisting page needs greylisting on; both are off on the shared server.
 */
class OperatorPagesTest {
    private static final String PASSWORD = "a long secret";
    private static final String RELAYED = "acme.example";

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onFreePort(records -> {
        // empty: the internal blocklist asks no DNS, and no DNS blocklist is configured
    });

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of(
        "mxsuite.checks.dnsbl.enabled", "true",
        "mxsuite.checks.greylisting.enabled", "true",
        "mxsuite.dnsbl.sites", "black.test*3"));

    private PanelClient operator;
    private String csrf;

    @BeforeEach
    void accounts() throws Exception {
        putDomain("owned.example", "{\"service\":\"backup\"}");
        given().body("{\"role\":\"operator\",\"password\":\"" + PASSWORD + "\"}").put("/panel-accounts/root");
        given().body("{\"role\":\"owner\",\"password\":\"" + PASSWORD + "\",\"domains\":[\"owned.example\"]}").put("/panel-accounts/owner");
        operator = new PanelClient(server.panelPort(), "127.0.0.6");
        assertThat(operator.signIn("root", PASSWORD).status).isEqualTo(303);
        csrf = operator.get("/").csrf();
    }

    @AfterEach
    void cleanUp() {
        for (String name : given().get("/relay-accounts").jsonPath().<String>getList("username")) {
            given().delete("/relay-accounts/" + name);
        }
        for (String network : given().get("/dnsbl/local").jsonPath().<String>getList("network")) {
            given().delete("/dnsbl/local/" + network);
        }
        given().delete("/bans/127.0.0.7");
    }

    @Test
    void anOperatorMakesARelayAccountThatLogsInOverSubmissionChangesItsPasswordAndRemovesIt() throws Exception {
        assertThat(operator.get("/").body).contains("href=\"/relay-accounts\"", "href=\"/bans\"", "href=\"/blocklist\"",
            "href=\"/greylisting\"", "href=\"/destinations\"");
        PanelClient.Answer refused = operator.post("/relay-accounts", "csrf", csrf, "name", "acme", "password", "short", "domains", RELAYED);
        String restMessage = given().body("{\"password\":\"short\",\"domains\":[\"" + RELAYED + "\"]}").put("/relay-accounts/acme")
            .then().statusCode(400).extract().jsonPath().getString("message");
        assertThat(refused.status).isEqualTo(400);
        assertThat(refused.body).contains(Html.escaped(restMessage));
        assertThat(operator.post("/relay-accounts", "csrf", csrf, "name", "acme", "password", PASSWORD, "domains", "not a domain").status)
            .isEqualTo(400);
        given().get("/relay-accounts/acme").then().statusCode(404);

        assertThat(operator.post("/relay-accounts", "csrf", csrf, "name", "acme", "password", PASSWORD, "domains", RELAYED).status)
            .isEqualTo(303);
        assertThat(operator.get("/relay-accounts").body).contains("<td>acme</td><td>" + RELAYED + "</td><td>200</td><td>" + RELAYED + ": 0</td>");
        assertThat(submissionLogin("acme", PASSWORD)).isTrue();
        assertThat(operator.post("/relay-accounts", "csrf", csrf, "name", "acme", "password", PASSWORD, "domains", RELAYED).body)
            .contains("relay account acme exists already");

        assertThat(operator.post("/relay-accounts/acme/password", "csrf", csrf, "password", "another secret").status).isEqualTo(303);
        assertThat(submissionLogin("acme", "another secret")).isTrue();

        assertThat(operator.post("/relay-accounts/acme/delete", "csrf", csrf).status).isEqualTo(303);
        given().get("/relay-accounts/acme").then().statusCode(404);
        assertThat(submissionLogin("acme", "another secret")).as("a removed account").isFalse();
    }

    @Test
    void aBanMadeByFailedSignInsIsListedAndLiftedAndTheAddressSignsInAgain() throws Exception {
        PanelClient guesser = new PanelClient(server.panelPort(), "127.0.0.7");
        for (int guess = 1; guess <= 11; guess++) {
            guesser.signIn("root", "guess " + guess);
        }
        assertThat(guesser.signIn("root", PASSWORD).status).as("banned").isEqualTo(403);
        PanelClient.Answer bans = operator.get("/bans");
        assertThat(bans.body).contains("<td>127.0.0.7</td><td>address</td><td>11 failed logins within 1h (last over PANEL)</td>");

        assertThat(operator.post("/bans/lift", "csrf", csrf, "subject", "127.0.0.7").status).isEqualTo(303);

        assertThat(operator.get("/bans").body).doesNotContain("<td>127.0.0.7</td>");
        given().get("/bans/127.0.0.7").then().statusCode(404);
        assertThat(guesser.signIn("root", PASSWORD).status).isEqualTo(303);
        assertThat(operator.post("/bans/lift", "csrf", csrf, "subject", "127.0.0.7").body).contains("127.0.0.7 is not banned");
    }

    @Test
    void aNetworkBlockedInThePanelIsRefusedAtRcptUntilItIsRemoved() throws Exception {
        putDomain("blocking.example", "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\",\"greylisting\":false}");
        PanelClient.Answer refused = operator.post("/blocklist", "csrf", csrf, "network", "127.0.0.12", "expires", "tomorrow");
        String restMessage = given().body("{\"expires\":\"tomorrow\"}").put("/dnsbl/local/127.0.0.12").then().statusCode(400)
            .extract().jsonPath().getString("message");
        assertThat(refused.status).isEqualTo(400);
        assertThat(refused.body).contains(Html.escaped(restMessage));
        given().get("/dnsbl/local").then().body("", org.hamcrest.Matchers.hasSize(0));

        assertThat(operator.post("/blocklist", "csrf", csrf, "network", "127.0.0.12", "reason", "blocked in the panel", "expiresIn", "1h")
            .status).isEqualTo(303);
        assertThat(operator.get("/blocklist").body).contains("<td>127.0.0.12/32</td><td>blocked in the panel</td>");
        assertThat(rcptReply("127.0.0.12", "bob@blocking.example")).startsWith("554 5.7.1").endsWith("blocked in the panel");
        assertThat(rcptReply("127.0.0.13", "bob@blocking.example")).as("another client").startsWith("250");

        assertThat(operator.post("/blocklist/remove", "csrf", csrf, "network", "127.0.0.12/32").status).isEqualTo(303);
        assertThat(rcptReply("127.0.0.12", "bob@blocking.example")).startsWith("250");
    }

    @Test
    void theGreylistingPageShowsTheCountsAndChangesTheAllowLists() throws Exception {
        putDomain("grey.example", "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\"}");
        assertThat(rcptReply("127.0.0.14", "bob@grey.example")).startsWith("450 4.7.1");
        Map<String, Object> stats = given().get("/greylist/stats").jsonPath().getMap("");
        assertThat(stats.get("deferred")).isNotEqualTo(0);

        PanelClient.Answer page = operator.get("/greylisting");

        assertThat(page.body).contains("<tr><th>Triplets</th><td>" + stats.get("triplets") + "</td></tr>",
            "<tr><th>Awaiting retry</th><td>" + stats.get("deferred") + "</td></tr>",
            "<tr><th>new</th><td>" + ((Map<?, ?>) stats.get("decisionsSinceStart")).get("new") + "</td></tr>");
        assertThat(operator.post("/greylisting/allow", "csrf", csrf, "list", "senderDomains", "entry", "Friend.example").status)
            .isEqualTo(303);
        given().get("/greylist/allow/senderDomains").then().body("added", org.hamcrest.Matchers.contains("friend.example"));
        assertThat(operator.post("/greylisting/allow", "csrf", csrf, "list", "recipients", "entry", "nobody").body)
            .contains("&#39;nobody&#39; is not an email address");
        assertThat(operator.post("/greylisting/disallow", "csrf", csrf, "list", "senderDomains", "entry", "friend.example").status)
            .isEqualTo(303);
        given().get("/greylist/allow/senderDomains").then().body("added", org.hamcrest.Matchers.empty());
    }

    @Test
    void theDestinationsPageShowsADownDestinationWithItsLastFailure() throws Exception {
        putDomain("down.example", "{\"service\":\"backup\",\"destination\":\"127.0.0.1:9\",\"retryInterval\":\"1h\",\"greylisting\":false}");
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@sender.example",
            Smtp.message("alice@sender.example", "bob@down.example", "held", "x"), "bob@down.example").accepted()).isTrue();
        awaitQueueSize("down.example", 1);

        PanelClient.Answer page = awaitDestinationsPage("down.example");

        assertThat(page.body).contains("<tr class=\"down\"><td>down.example</td><td>127.0.0.1:9</td><td>down</td><td>");
        assertThat(page.body).containsPattern("<td>1</td><td>probe 20[0-9-]+T[0-9:.]+Z</td></tr>");
        given().delete("/hosted-domains/down.example/queue/" + org.mxsuite.it.support.HostedDomains.firstHeldId("down.example"));
    }

    @Test
    void anOwnerGetsNoOperatorPageNorActionAndAFormWithoutItsTokenDoesNothing() throws Exception {
        given().contentType(ContentType.JSON).body("{\"password\":\"" + PASSWORD + "\",\"domains\":[\"" + RELAYED + "\"]}")
            .put("/relay-accounts/kept").then().statusCode(201);
        given().put("/dnsbl/local/192.0.2.0/24").then().statusCode(204);
        PanelClient owner = new PanelClient(server.panelPort(), "127.0.0.5");
        assertThat(owner.signIn("owner", PASSWORD).status).isEqualTo(303);
        String ownersToken = owner.get("/").csrf();
        assertThat(owner.get("/").body).doesNotContain("href=\"/relay-accounts\"");

        for (String page : List.of("/relay-accounts", "/bans", "/blocklist", "/greylisting", "/destinations")) {
            assertThat(owner.get(page).status).as(page).isEqualTo(403);
        }
        String[][] actions = {
            {"/relay-accounts", "name", "mallory", "password", PASSWORD, "domains", RELAYED},
            {"/relay-accounts/kept/password", "password", "mallory's secret"},
            {"/relay-accounts/kept/delete"},
            {"/bans/lift", "subject", "127.0.0.7"},
            {"/blocklist", "network", "127.0.0.5"},
            {"/blocklist/remove", "network", "192.0.2.0/24"},
            {"/greylisting/allow", "list", "clients", "entry", "127.0.0.0/8"},
            {"/greylisting/disallow", "list", "clients", "entry", "127.0.0.0/8"}};
        for (String[] action : actions) {
            String[] fields = new String[action.length + 1];
            fields[0] = "csrf";
            fields[1] = ownersToken;
            System.arraycopy(action, 1, fields, 2, action.length - 1);
            assertThat(owner.post(action[0], fields).status).as(action[0]).isEqualTo(403);
        }
        assertThat(operator.post("/relay-accounts/kept/delete").status).as("no CSRF token").isEqualTo(403);
        assertThat(operator.post("/relay-accounts/kept/delete", "csrf", "forged").status).as("a wrong CSRF token").isEqualTo(403);

        given().get("/relay-accounts").then().body("username", org.hamcrest.Matchers.contains("kept"));
        assertThat(submissionLogin("kept", PASSWORD)).as("its password unchanged").isTrue();
        given().get("/dnsbl/local").then().body("network", org.hamcrest.Matchers.contains("192.0.2.0/24"));
        given().get("/greylist/allow/clients").then().body("added", org.hamcrest.Matchers.empty());
    }

    /** AUTH PLAIN over the submission port after STARTTLS, as a customer's mail client logs in. */
    private static boolean submissionLogin(String user, String password) throws Exception {
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient("TLS", false);
        smtp.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        smtp.setDefaultTimeout(30_000);
        smtp.connect("127.0.0.1", server.smtpSubmissionPort());
        try {
            smtp.ehlo("client.test");
            assertThat(smtp.execTLS()).as(smtp.getReplyString()).isTrue();
            smtp.ehlo("client.test");
            return smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, user, password);
        } finally {
            smtp.disconnect();
        }
    }

    private static String rcptReply(String from, String recipient) throws Exception {
        return ClientSession.envelope(from, server.smtpInboundPort(), "alice@sender.example", recipient).rcptReply(0);
    }

    /**
     * The destinations page once it shows what the engine learnt of the domain's destination (the queue listing's
     * destinationStatus): each probe of a destination that stays down may word its failure anew.
     */
    private PanelClient.Answer awaitDestinationsPage(String domain) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        PanelClient.Answer page = null;
        while (Instant.now().isBefore(deadline)) {
            String status = given().get("/hosted-domains/" + domain + "/queue").jsonPath().getString("destinationStatus");
            page = operator.get("/destinations");
            if (status != null && page.body.contains("<td>" + Html.escaped(status) + "</td>")) {
                return page;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no destination status for " + domain + " in " + page);
    }

    /** As the panel writes text into its pages. */
    private static final class Html {
        static String escaped(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
        }
    }
}
