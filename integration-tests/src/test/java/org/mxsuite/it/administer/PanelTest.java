package org.mxsuite.it.administer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.CustomerAndSenders.DOMAIN;
import static org.mxsuite.it.support.HostedDomains.awaitQueueSize;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.PanelClient;
import org.mxsuite.it.support.SharesTheServer;

/**
 * The control panel of the running server over HTTP, as a browser reaches it: sign-in, what an owner and an operator
 * see, "resend now", and the protections (server-side authorisation, CSRF tokens, cookies, Content-Security-Policy,
 * the brute-force ban).
 */
@SharesTheServer
class PanelTest {
    private static final String OTHER = "other.example";
    private static final String PASSWORD = "a long secret";

    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @AfterEach
    void cleanUp() {
        given().delete("/panel-accounts/root");
        given().delete("/panel-accounts/owner@customer.example");
        given().delete("/bans/127.0.0.7");
        given().delete("/bans/users/owner@customer.example");
    }

    private void accounts() {
        putDomain(OTHER, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:9\"}");
        given().body("{\"role\":\"operator\",\"password\":\"" + PASSWORD + "\"}").put("/panel-accounts/root").then().statusCode(201);
        given().body("{\"role\":\"owner\",\"password\":\"" + PASSWORD + "\",\"domains\":[\"" + DOMAIN + "\"]}")
            .put("/panel-accounts/owner@customer.example").then().statusCode(201);
    }

    @Test
    void anOwnerSeesTheMailHeldWhileItsServerIsDownAndResendsItOnceTheServerIsBack() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"retryInterval\":\"1h\"}");
        accounts();
        servers.customer().stop();
        assertThat(servers.sendToBob("held for the owner").accepted()).isTrue();
        PanelClient browser = new PanelClient(server.panelPort(), "127.0.0.5");

        PanelClient.Answer signedIn = browser.signIn("owner@customer.example", PASSWORD);
        assertThat(signedIn.status).as(signedIn.toString()).isEqualTo(303);
        assertThat(signedIn.headers.get("set-cookie")).anySatisfy(cookie -> assertThat(cookie)
            .startsWith("mxsuite_panel=").contains("HttpOnly", "SameSite=Strict"));
        PanelClient.Answer list = browser.get("/");
        assertThat(list.body).contains(DOMAIN).doesNotContain(OTHER);
        PanelClient.Answer page = browser.get("/domains/" + DOMAIN);
        assertThat(page.status).isEqualTo(200);
        assertThat(page.body).contains("bob@" + DOMAIN, "Resend now");

        servers.customer().start();
        PanelClient.Answer resent = browser.post("/domains/" + DOMAIN + "/resend", "csrf", page.csrf());
        assertThat(resent.status).isEqualTo(303);
        assertThat(servers.customer().awaitMessages(1, Duration.ofSeconds(10)).get(0).contentAsString()).contains("held for the owner");
        awaitQueueSize(DOMAIN, 0);
        assertThat(browser.get("/domains/" + DOMAIN).body).contains("No mail held.");
    }

    @Test
    void anOwnerIsRefusedAnotherDomainByUrlAndByACraftedFormAndNothingChanges() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\"}");
        accounts();
        PanelClient browser = new PanelClient(server.panelPort(), "127.0.0.5");
        PanelClient.Answer own = browser.get("/domains/" + DOMAIN);
        assertThat(own.status).as("signed out: to the sign-in page").isEqualTo(303);
        browser.signIn("owner@customer.example", PASSWORD);
        String csrf = browser.get("/domains/" + DOMAIN).csrf();

        assertThat(browser.get("/domains/" + OTHER).status).isEqualTo(403);
        assertThat(browser.get("/domains/unknown.example").status).isEqualTo(403);
        assertThat(browser.post("/domains/" + OTHER + "/resend", "csrf", csrf).status).isEqualTo(403);
        assertThat(browser.post("/domains/" + DOMAIN + "/resend", "csrf", "forged").status).as("a wrong CSRF token").isEqualTo(403);
        assertThat(browser.post("/domains/" + DOMAIN + "/resend").status).as("no CSRF token").isEqualTo(403);

        PanelClient operator = new PanelClient(server.panelPort(), "127.0.0.6");
        operator.signIn("root", PASSWORD);
        assertThat(operator.get("/").body).contains(DOMAIN, OTHER);
        assertThat(operator.get("/domains/" + OTHER).status).isEqualTo(200);
    }

    @Test
    void anOwnerChangesItsDomainsSettingsWithWebAdminsRulesAndMessagesAndNotAnothers() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:2525\"}");
        accounts();
        PanelClient owner = new PanelClient(server.panelPort(), "127.0.0.5");
        owner.signIn("owner@customer.example", PASSWORD);
        String csrf = owner.get("/domains/" + DOMAIN).csrf();

        PanelClient.Answer saved = owner.post("/domains/" + DOMAIN + "/settings", "csrf", csrf, "destination", "mx.customer.example:2526",
            "retryInterval", "15m", "retention", "7d", "tls", "required", "paused", "on", "recipients", "bob\nCarol");
        assertThat(saved.status).as(saved.toString()).isEqualTo(303);
        given().get("/hosted-domains/" + DOMAIN).then().statusCode(200)
            .body("destination", org.hamcrest.Matchers.equalTo("mx.customer.example:2526"))
            .body("retryInterval", org.hamcrest.Matchers.equalTo("15m")).body("retention", org.hamcrest.Matchers.equalTo("7d"))
            .body("tls", org.hamcrest.Matchers.equalTo("required")).body("paused", org.hamcrest.Matchers.equalTo(true))
            .body("recipients", org.hamcrest.Matchers.containsInAnyOrder("bob", "carol"));

        PanelClient.Answer refused = owner.post("/domains/" + DOMAIN + "/settings", "csrf", csrf, "destination", "", "retryInterval", "5s");
        assertThat(refused.status).isEqualTo(400);
        String restMessage = given().body("{\"service\":\"backup\",\"retryInterval\":\"5s\"}").put("/hosted-domains/" + DOMAIN)
            .then().statusCode(400).extract().jsonPath().getString("message");
        assertThat(refused.body).contains(restMessage.replace("'", "&#39;"));
        given().get("/hosted-domains/" + DOMAIN).then().body("retryInterval", org.hamcrest.Matchers.equalTo("15m"));

        assertThat(owner.post("/domains/" + OTHER + "/settings", "csrf", csrf, "paused", "on").status).isEqualTo(403);
        given().get("/hosted-domains/" + OTHER).then().body("paused", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void anOwnerTestsItsServerAndDropsItsOwnHeldMailOnly() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"retryInterval\":\"1h\"}");
        accounts();
        PanelClient owner = new PanelClient(server.panelPort(), "127.0.0.5");
        owner.signIn("owner@customer.example", PASSWORD);
        String csrf = owner.get("/domains/" + DOMAIN).csrf();
        PanelClient.Answer probe = owner.post("/domains/" + DOMAIN + "/probe", "csrf", csrf);
        assertThat(probe.body).contains("would take this domain&#39;s mail", "EHLO", "RCPT TO:&lt;postmaster@" + DOMAIN + "&gt;");
        assertThat(servers.customer().messages()).isEmpty();

        servers.customer().stop();
        assertThat(servers.sendToBob("to drop").accepted()).isTrue();
        putDomain(OTHER, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:9\",\"retryInterval\":\"1h\"}");
        assertThat(org.mxsuite.it.support.Smtp.send(server.smtpInboundPort(), "alice@sender.example",
            org.mxsuite.it.support.Smtp.message("alice@sender.example", "x@" + OTHER, "other's", "x"), "x@" + OTHER).accepted()).isTrue();
        awaitQueueSize(DOMAIN, 1);
        awaitQueueSize(OTHER, 1);
        String mine = org.mxsuite.it.support.HostedDomains.firstHeldId(DOMAIN);
        String others = org.mxsuite.it.support.HostedDomains.firstHeldId(OTHER);

        assertThat(owner.post("/domains/" + DOMAIN + "/held/" + others + "/drop", "csrf", csrf).body).contains("not held any more");
        assertThat(owner.post("/domains/" + OTHER + "/held/" + others + "/drop", "csrf", csrf).status).isEqualTo(403);
        awaitQueueSize(OTHER, 1);
        assertThat(owner.post("/domains/" + DOMAIN + "/held/" + mine + "/drop", "csrf", csrf).body).contains("Message dropped.");
        awaitQueueSize(DOMAIN, 0);
        given().delete("/hosted-domains/" + OTHER + "/queue/" + others);
    }

    @Test
    void aMailboxDomainsOwnerAddsAUserWhoLogsInOverImapChangesItsPasswordAndRemovesIt() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\"}");
        putDomain("mailbox.example", "{\"service\":\"mailbox\"}");
        accounts();
        given().body("{\"role\":\"owner\",\"password\":\"" + PASSWORD + "\",\"domains\":[\"mailbox.example\"]}")
            .put("/panel-accounts/mo").then().statusCode(201);
        try {
            PanelClient owner = new PanelClient(server.panelPort(), "127.0.0.5");
            owner.signIn("mo", PASSWORD);
            String csrf = owner.get("/domains/mailbox.example/users").csrf();

            assertThat(owner.post("/domains/mailbox.example/users", "csrf", csrf, "localPart", "dave", "password", "dave's secret").status)
                .isEqualTo(303);
            try (org.mxsuite.it.support.ImapSession imap = org.mxsuite.it.support.ImapSession.login(server.imapsPort(),
                "dave@mailbox.example", "dave's secret")) {
                assertThat(imap.taggedOk()).isTrue();
            }
            assertThat(owner.post("/domains/mailbox.example/users", "csrf", csrf, "localPart", "dave", "password", "x").body)
                .contains("user dave@mailbox.example exists already");
            assertThat(owner.post("/domains/mailbox.example/users", "csrf", csrf, "localPart", "eve@" + DOMAIN, "password", "x").body)
                .contains("is not an address of mailbox.example");
            assertThat(owner.post("/domains/mailbox.example/users/dave@mailbox.example/password", "csrf", csrf, "password", "new\tline")
                .body).contains("the password contains a control character");
            assertThat(owner.post("/domains/mailbox.example/users/dave@mailbox.example/password", "csrf", csrf, "password", "new secret")
                .status).isEqualTo(303);
            try (org.mxsuite.it.support.ImapSession imap = org.mxsuite.it.support.ImapSession.login(server.imapsPort(),
                "dave@mailbox.example", "new secret")) {
                assertThat(imap.taggedOk()).isTrue();
            }

            PanelClient other = new PanelClient(server.panelPort(), "127.0.0.6");
            other.signIn("owner@customer.example", PASSWORD);
            String othersToken = other.get("/").csrf();
            assertThat(other.post("/domains/mailbox.example/users/dave@mailbox.example/delete", "csrf", othersToken).status).isEqualTo(403);
            given().head("/users/dave@mailbox.example").then().statusCode(200);

            assertThat(owner.post("/domains/mailbox.example/users/dave@mailbox.example/delete", "csrf", csrf).status).isEqualTo(303);
            given().head("/users/dave@mailbox.example").then().statusCode(404);
        } finally {
            given().delete("/users/dave@mailbox.example");
            given().delete("/panel-accounts/mo");
        }
    }

    @Test
    void anOwnerSeesTheDnsRecordsToPublishForItsDomainOnly() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\"}");
        accounts();
        given().body("{\"algorithm\":\"ed25519\"}").post("/hosted-domains/" + DOMAIN + "/dkim").then().statusCode(201);
        PanelClient owner = new PanelClient(server.panelPort(), "127.0.0.5");
        owner.signIn("owner@customer.example", PASSWORD);

        PanelClient.Answer records = owner.get("/domains/" + DOMAIN + "/dns");

        assertThat(records.status).isEqualTo(200);
        assertThat(records.body).contains("<td>MX</td><td><code>20 mxsuite.test.</code>", "._domainkey." + DOMAIN + ".", "v=DKIM1; k=ed25519; p=");
        assertThat(owner.get("/domains/" + OTHER + "/dns").status).isEqualTo(403);
        given().delete("/hosted-domains/" + DOMAIN + "/dkim/" + given().get("/hosted-domains/" + DOMAIN + "/dkim").jsonPath()
            .getString("keys[0].selector"));
    }

    @Test
    void onlyOperatorsManageAccountsWithWebAdminsRulesAndMessages() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\"}");
        accounts();
        PanelClient owner = new PanelClient(server.panelPort(), "127.0.0.5");
        owner.signIn("owner@customer.example", PASSWORD);
        String ownersToken = owner.get("/").csrf();
        assertThat(owner.get("/accounts").status).isEqualTo(403);
        assertThat(owner.post("/accounts", "csrf", ownersToken, "name", "mallory", "password", PASSWORD, "role", "operator").status)
            .isEqualTo(403);
        given().get("/panel-accounts/mallory").then().statusCode(404);

        PanelClient operator = new PanelClient(server.panelPort(), "127.0.0.6");
        operator.signIn("root", PASSWORD);
        String csrf = operator.get("/accounts").csrf();
        PanelClient.Answer refused = operator.post("/accounts", "csrf", csrf, "name", "bob", "password", PASSWORD, "role", "owner",
            "domains", "nowhere.example");
        assertThat(refused.status).isEqualTo(400);
        assertThat(refused.body).contains("domain nowhere.example is not hosted here");
        assertThat(operator.post("/accounts", "csrf", csrf, "name", "bob", "password", "short", "role", "owner", "domains", DOMAIN).body)
            .contains("password must have 8 to 256 characters");
        assertThat(operator.post("/accounts", "csrf", csrf, "name", "bob", "password", PASSWORD, "role", "owner", "domains", DOMAIN).status)
            .isEqualTo(303);
        given().get("/panel-accounts/bob").then().statusCode(200).body("domains", org.hamcrest.Matchers.contains(DOMAIN));
        assertThat(operator.post("/accounts/bob/delete", "csrf", csrf).status).isEqualTo(303);
        given().get("/panel-accounts/bob").then().statusCode(404);
    }

    @Test
    void everyPageForbidsScriptsFramesAndCachingAndTheSignInFormCannotBePostedFromElsewhere() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\"}");
        accounts();
        PanelClient browser = new PanelClient(server.panelPort(), "127.0.0.5");
        PanelClient.Answer form = browser.get("/login");

        assertThat(form.header("content-security-policy")).contains("default-src 'none'", "frame-ancestors 'none'", "form-action 'self'")
            .doesNotContain("script-src");
        assertThat(form.header("cache-control")).isEqualTo("no-store");
        assertThat(form.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(form.body).doesNotContain("<script");

        PanelClient elsewhere = new PanelClient(server.panelPort(), "127.0.0.5");
        assertThat(elsewhere.post("/login", "csrf", form.csrf(), "name", "root", "password", PASSWORD).status)
            .as("the form's token without its cookie").isEqualTo(403);
        assertThat(browser.post("/login", "csrf", form.csrf(), "name", "root", "password", PASSWORD).status).isEqualTo(303);
    }

    @Test
    void elevenWrongPasswordsBanTheAddressAsFailedMailLoginsDo() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"backup\"}");
        accounts();
        PanelClient guesser = new PanelClient(server.panelPort(), "127.0.0.7");
        for (int guess = 1; guess <= 11; guess++) {
            assertThat(guesser.signIn("owner@customer.example", "guess " + guess).status).as("guess " + guess).isEqualTo(401);
        }

        PanelClient.Answer refused = guesser.signIn("owner@customer.example", PASSWORD);

        assertThat(refused.status).isEqualTo(403);
        assertThat(refused.body).contains("Too many failed sign-ins");
        given().get("/bans").then().statusCode(200).body(org.hamcrest.Matchers.containsString("127.0.0.7"));
        assertThat(new PanelClient(server.panelPort(), "127.0.0.8").signIn("root", PASSWORD).status).as("another address").isEqualTo(303);
    }
}
