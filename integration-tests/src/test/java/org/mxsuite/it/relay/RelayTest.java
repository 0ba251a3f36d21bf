package org.mxsuite.it.relay;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.Users.putUser;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.relay.RelayClient.Security;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.Smtp;

import io.restassured.http.ContentType;

/**
 * The outbound relay end to end: relay accounts log in to the in-process server with a real SMTP client and send to
 * a domain whose MX, served by a real DNS server on 127.0.0.1:53 (James's resolver only speaks to port 53, and the
 * sender verification asks the same server), is a real SMTP server on 127.0.0.5:25.
 */
class RelayTest {
    private static final String SHOP = "shop.example.net";
    private static final String OUTSIDE = "friend@customer.example.org";
    private static final String PASSWORD = "relay-password-1";
    private static final long MB = 1024 * 1024;

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onPort53(records -> records
        .mx(SHOP, 10, "mx." + SHOP).a("mx." + SHOP, "192.0.2.10")
        .mx("busy.example.net", 10, "mx." + SHOP)
        .mx("customer.example.org", 10, "mx.customer.example.org").a("mx.customer.example.org", "127.0.0.5")
        .mx("literal.example.net", 10, "192.0.2.12")
        .mx("alias.example.net", 10, "mail.alias.example.net").cname("mail.alias.example.net", "mx." + SHOP)
        .txt("empty.example.net", "v=spf1 -all")
        .servfail("broken.example.net")
        .silent("slow.example.net")
        .txt("_spf.relay.example.net", "v=spf1 ip4:192.0.2.0/24 -all")
        .txt("_spf.big.example.net", "v=spf1 a mx ptr exists:x.example.net include:_spf.relay.example.net -all"));

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of(
        "mxsuite.auth.requiretls", "false",
        "mxsuite.dns.timeout", "1s",
        "mxsuite.relay.spf.include", "_spf.relay.example.net"));

    private CustomerSmtpServer outside;

    @BeforeEach
    void setUp() throws Exception {
        outside = new CustomerSmtpServer(InetAddress.getByName("127.0.0.5"), 25).start();
        putAccount("acme", "{\"password\":\"" + PASSWORD + "\",\"domains\":[\"" + SHOP + "\"]}").then().statusCode(201);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (outside != null) {
            outside.close();
            List<String> accounts = given().get("/relay-accounts").jsonPath().getList("username");
            // the day's counts belong to the domains, not to the accounts: reset them before revoking
            accounts.forEach(account -> given().post("/relay-accounts/" + account + "/quota?action=reset"));
            accounts.forEach(account -> given().delete("/relay-accounts/" + account));
            List<String> held = given().get("/hosted-domains/customer.example.org/queue").jsonPath().getList("items.id");
            for (String id : held == null ? List.<String>of() : held) {
                given().delete("/hosted-domains/customer.example.org/queue/" + id);
            }
        }
    }

    @Test
    void anAccountRelaysToTheInternetOnEveryRelayPort() throws Exception {
        int[] ports = {server.smtpInboundPort(), server.smtpSubmissionPort(), server.smtpsPort()};
        Security[] security = {Security.PLAIN, Security.STARTTLS, Security.IMPLICIT_TLS};
        for (int i = 0; i < ports.length; i++) {
            try (RelayClient client = RelayClient.connect(ports[i], security[i])) {
                assertThat(client.login("acme", PASSWORD)).as(client.authReply()).isTrue();
                assertThat(client.send("alice@" + SHOP, null, 2000, OUTSIDE).accepted()).as(client.dataReply()).isTrue();
            }
        }

        List<ReceivedMessage> received = outside.awaitMessages(3, Duration.ofSeconds(15));
        assertThat(received).allSatisfy(message -> {
            assertThat(message.sender()).isEqualTo("alice@" + SHOP);
            assertThat(message.recipients()).containsExactly(OUTSIDE);
        });
        assertThat(usedToday("acme", SHOP)).isEqualTo(3);
    }

    @Test
    void aRecipientTheDestinationRefusesIsReturnedToTheSenderWithADsn() throws Exception {
        outside.rejectRecipient("nobody@customer.example.org", "550 5.1.1 no such user");
        try (RelayClient client = RelayClient.connect(server.smtpSubmissionPort(), Security.STARTTLS)) {
            client.login("acme", PASSWORD);
            assertThat(client.send("alice@" + SHOP, null, 800, "nobody@customer.example.org").accepted()).isTrue();
        }

        // the DSN goes to alice's domain, whose MX (192.0.2.10) does not answer: it waits in the queue
        Instant deadline = Instant.now().plusSeconds(15);
        List<Map<String, Object>> held;
        // SHOP is not hosted: its queue is a 404, without items, until the DSN is held for it
        while ((held = Optional.ofNullable(given().get("/hosted-domains/" + SHOP + "/queue").jsonPath().<Map<String, Object>>getList("items"))
            .orElse(List.of())).isEmpty()) {
            assertThat(Instant.now()).as("a DSN held for " + SHOP).isBefore(deadline);
            Thread.sleep(100);
        }
        assertThat(held.get(0).get("sender")).isIn("", null);
        assertThat(String.valueOf(held.get(0).get("recipients"))).contains("alice@" + SHOP);
        for (Map<String, Object> message : held) {
            given().delete("/hosted-domains/" + SHOP + "/queue/" + message.get("id"));
        }
    }

    @Test
    void aMailboxUserRelaysFromItsOwnDomainOnly() throws Exception {
        given().put("/domains/mailbox.example.net").then().statusCode(204);
        putUser("carol@mailbox.example.net", PASSWORD);
        try (RelayClient client = RelayClient.connect(server.smtpSubmissionPort(), Security.STARTTLS)) {
            assertThat(client.login("carol@mailbox.example.net", PASSWORD)).as(client.authReply()).isTrue();

            assertThat(client.send("carol@mailbox.example.net", null, 700, OUTSIDE).accepted()).as(client.dataReply()).isTrue();
            assertThat(client.send("dave@mailbox.example.net", null, 700, OUTSIDE).mailReply())
                .as("James's identity check, for mailbox users").startsWith("503 5.7.1");
            assertThat(client.send("carol@" + SHOP, null, 700, OUTSIDE).mailReply()).startsWith("550 5.7.1")
                .contains("may only send from mailbox.example.net");
        } finally {
            given().delete("/users/carol@mailbox.example.net");
        }
        assertThat(outside.awaitMessages(1, Duration.ofSeconds(15)).get(0).sender()).isEqualTo("carol@mailbox.example.net");
    }

    @Test
    void aMailboxUserSendsAsItselfOnlyOnEveryPortWhileTheInternetMayUseAnySender() throws Exception {
        given().put("/domains/mailbox.example.net").then().statusCode(204);
        putUser("carol@mailbox.example.net", PASSWORD);
        int[] ports = {server.smtpInboundPort(), server.smtpSubmissionPort(), server.smtpsPort()};
        Security[] security = {Security.PLAIN, Security.STARTTLS, Security.IMPLICIT_TLS};
        try {
            for (int i = 0; i < ports.length; i++) {
                try (RelayClient client = RelayClient.connect(ports[i], security[i])) {
                    assertThat(client.login("carol@mailbox.example.net", PASSWORD)).as(client.authReply()).isTrue();
                    assertThat(client.send("ceo@mailbox.example.net", null, 700, OUTSIDE).mailReply()).as("port %s", ports[i])
                        .startsWith("503 5.7.1").contains("Incorrect Authentication for Specified Email Address");
                }
            }
            // unauthenticated, on the MX port, a local sender is mail from the internet like any other
            Smtp fromOutside = Smtp.send(server.smtpInboundPort(), "ceo@mailbox.example.net",
                Smtp.message("ceo@mailbox.example.net", "carol@mailbox.example.net", "came back", "x"), "carol@mailbox.example.net");
            assertThat(fromOutside.accepted()).as("%s", fromOutside).isTrue();
        } finally {
            given().delete("/users/carol@mailbox.example.net");
        }
        assertThat(outside.messages()).isEmpty();
    }

    @Test
    void withoutAuthenticationNothingIsRelayed() throws Exception {
        Smtp anonymous = Smtp.send(server.smtpInboundPort(), "alice@" + SHOP, Smtp.message("alice@" + SHOP, OUTSIDE, "open?", "x"), OUTSIDE);
        assertThat(anonymous.rcptReply(0)).matches("5[35]0 5\\.7\\.1.*");

        try (RelayClient client = RelayClient.connect(server.smtpInboundPort(), Security.PLAIN)) {
            assertThat(client.login("acme", "wrong-password")).isFalse();
            assertThat(client.authReply()).startsWith("535 5.7.8");
            assertThat(client.send("alice@" + SHOP, null, 500, OUTSIDE).rcptReplies()).allMatch(reply -> reply.matches("5[35]0 5\\.7\\.1.*"));
        }
        assertThat(outside.messages()).isEmpty();
    }

    @Test
    void addressesNoMxLookupCanRouteAreRefusedAtRcpt() throws Exception {
        try (RelayClient client = RelayClient.connect(server.smtpSubmissionPort(), Security.STARTTLS)) {
            client.login("acme", PASSWORD);

            List<String> replies = client.send("alice@" + SHOP, null, 500, "bob@intranet", "bob@[192.0.2.1]", OUTSIDE).rcptReplies();

            assertThat(replies.get(0)).startsWith("550 5.1.2").contains("not a fully qualified domain name");
            assertThat(replies.get(1)).startsWith("550 5.1.2").contains("address literals");
            assertThat(replies.get(2)).startsWith("250");
        }
        assertThat(outside.awaitMessages(1, Duration.ofSeconds(10)).get(0).recipients()).containsExactly(OUTSIDE);
    }

    @Test
    void mailFromADomainTheAccountDoesNotOwnIsRefused() throws Exception {
        try (RelayClient client = RelayClient.connect(server.smtpSubmissionPort(), Security.STARTTLS)) {
            client.login("acme", PASSWORD);

            assertThat(client.send("bob@customer.example.org", null, 500, OUTSIDE).mailReply())
                .startsWith("550 5.7.1").contains("may not send from customer.example.org").contains(SHOP);
        }
    }

    @Test
    void the201stRelayOfTheDayIsRefusedUntilTheReset() throws Exception {
        List<String> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add("friend" + i + "@customer.example.org");
        }
        try (RelayClient client = RelayClient.connect(server.smtpSubmissionPort(), Security.PLAIN)) {
            client.login("acme", PASSWORD);
            assertThat(client.send("alice@" + SHOP, null, 1000, hundred.toArray(String[]::new)).accepted()).isTrue();
            assertThat(client.send("alice@" + SHOP, null, 1000, hundred.toArray(String[]::new)).accepted()).isTrue();

            RelayClient refused = client.send("alice@" + SHOP, null, 1000, OUTSIDE);
            assertThat(refused.rcptReplies().get(0)).startsWith("452 4.7.0").contains("Daily relay limit of 200 for " + SHOP)
                .contains("resets at 20");
        }
        given().get("/relay-accounts/acme").then().statusCode(200)
            .body("usage.domains.'shop.example.net'.used", org.hamcrest.Matchers.equalTo(200))
            .body("usage.domains.'shop.example.net'.remaining", org.hamcrest.Matchers.equalTo(0))
            .body("usage.resetsAt", org.hamcrest.Matchers.endsWith("T00:00:00Z"));

        given().post("/relay-accounts/acme/quota?action=reset").then().statusCode(200);
        assertThat(usedToday("acme", SHOP)).isZero();
        try (RelayClient client = RelayClient.connect(server.smtpSubmissionPort(), Security.PLAIN)) {
            client.login("acme", PASSWORD);
            assertThat(client.send("alice@" + SHOP, null, 1000, OUTSIDE).accepted()).isTrue();
        }
    }

    @Test
    void theMaximumOfRecipientsPerMessageAndTheHourlyLimitRefuseWith452AndTheirReset() throws Exception {
        putAccount("acme", "{\"hourlyLimit\":3,\"maxRecipients\":2}").then().statusCode(204);
        try (RelayClient client = RelayClient.connect(server.smtpSubmissionPort(), Security.PLAIN)) {
            client.login("acme", PASSWORD);

            RelayClient three = client.send("alice@" + SHOP, null, 500, OUTSIDE, "b@customer.example.org", "c@customer.example.org");
            assertThat(three.rcptReplies().get(2)).startsWith("452 4.5.3 Relay limit of 2 recipients per message for " + SHOP);
            assertThat(three.accepted()).as(three.dataReply()).isTrue();
            RelayClient overTheHour = client.send("alice@" + SHOP, null, 500, "d@customer.example.org", "e@customer.example.org");
            assertThat(overTheHour.rcptReplies().get(1)).startsWith("452 4.7.0 Hourly relay limit of 3 for " + SHOP
                + " reached (2 used, this needs 2); it resets at 20").endsWith(":00:00Z");
            assertThat(overTheHour.accepted()).as("the one recipient that fits").isTrue();
            assertThat(client.send("alice@" + SHOP, null, 500, OUTSIDE).rcptReplies().get(0)).startsWith("452 4.7.0 Hourly");
        }
        given().get("/relay-accounts/acme").then().statusCode(200)
            .body("hourlyLimit", org.hamcrest.Matchers.equalTo(3)).body("maxRecipients", org.hamcrest.Matchers.equalTo(2))
            .body("usage.domains.'shop.example.net'.usedThisHour", org.hamcrest.Matchers.equalTo(3))
            .body("usage.hourResetsAt", org.hamcrest.Matchers.endsWith(":00:00Z"));
        assertThat(outside.awaitMessages(2, Duration.ofSeconds(15))).hasSize(2);
    }

    @Test
    void bigMessagesCountMoreAndOver50MbAreRefused() throws Exception {
        putAccount("acme", "{\"dailyLimit\":1000}").then().statusCode(204);
        try (RelayClient client = RelayClient.connect(server.smtpSubmissionPort(), Security.PLAIN)) {
            assertThat(client.ehlo()).contains("SIZE 52428800");
            client.login("acme", PASSWORD);

            assertThat(client.send("alice@" + SHOP, null, 15 * MB, OUTSIDE).accepted()).as(client.dataReply()).isTrue();
            assertThat(usedToday("acme", SHOP)).isEqualTo(2);

            assertThat(client.send("alice@" + SHOP, String.valueOf(50 * MB), 50 * MB, OUTSIDE).accepted()).as(client.dataReply()).isTrue();
            assertThat(usedToday("acme", SHOP)).isEqualTo(8);

            assertThat(client.send("alice@" + SHOP, String.valueOf(51 * MB), 51 * MB, OUTSIDE).mailReply()).startsWith("552 5.3.4");
            assertThat(client.send("alice@" + SHOP, null, 51 * MB, OUTSIDE).dataReply()).startsWith("552 5.3.4");
            assertThat(usedToday("acme", SHOP)).isEqualTo(8);
        }
        assertThat(outside.awaitMessages(2, Duration.ofSeconds(60))).hasSize(2);
    }

    @Test
    void aMessageThatWouldExceedTheQuotaIsRefusedWholeAndCountsNothing() throws Exception {
        putAccount("acme", "{\"dailyLimit\":3}").then().statusCode(204);
        try (RelayClient client = RelayClient.connect(server.smtpSubmissionPort(), Security.PLAIN)) {
            client.login("acme", PASSWORD);

            // two recipients pass RCPT (2 of 3), but at 15 MB the message counts 4
            RelayClient sent = client.send("alice@" + SHOP, null, 15 * MB, OUTSIDE, "other@customer.example.org");
            assertThat(sent.rcptReplies()).allMatch(reply -> reply.startsWith("250"));
            assertThat(sent.dataReply()).startsWith("452 4.7.0").contains("this needs 4");
            assertThat(usedToday("acme", SHOP)).isZero();
        }
    }

    @Test
    void eachSenderVerifyFailureIsATemporaryRefusalWithItsCause() throws Exception {
        Map<String, String> causes = Map.of(
            "literal.example.net", "points to an IP address (192.0.2.12)",
            "alias.example.net", "is a CNAME",
            "empty.example.net", "has no MX, A or AAAA record",
            "nowhere.example.net", "does not exist",
            "broken.example.net", "failed (SERVFAIL)",
            "slow.example.net", "timed out",
            "shop.test", "reserved top-level domain .test");
        putAccount("acme", "{\"domains\":[\"" + String.join("\",\"", causes.keySet()) + "\",\"" + SHOP + "\"]}").then().statusCode(204);
        try (RelayClient client = RelayClient.connect(server.smtpSubmissionPort(), Security.PLAIN)) {
            client.login("acme", PASSWORD);
            for (Map.Entry<String, String> cause : causes.entrySet()) {
                // a DNS server that fails or does not answer is 4.4.3 (RFC 3463), what it answered is the sender's 4.1.8
                String status = cause.getKey().startsWith("broken.") || cause.getKey().startsWith("slow.") ? "4.4.3" : "4.1.8";
                assertThat(client.send("alice@" + cause.getKey(), null, 500, OUTSIDE).mailReply()).as(cause.getKey())
                    .startsWith("451 " + status + " Temporary local error: sender verify failed").contains(cause.getValue());
            }
            assertThat(client.send("alice@" + SHOP, null, 500, OUTSIDE).accepted()).isTrue();
        }
    }

    @Test
    void twentyConcurrentClientsOfOneAccountNeverExceedItsQuota() throws Exception {
        putAccount("busy", "{\"password\":\"" + PASSWORD + "\",\"domains\":[\"busy.example.net\"],\"dailyLimit\":50}").then().statusCode(201);
        ExecutorService threads = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> clients = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                clients.add(() -> {
                    int accepted = 0;
                    try (RelayClient client = RelayClient.connect(server.smtpSubmissionPort(), Security.PLAIN)) {
                        assertThat(client.login("busy", PASSWORD)).isTrue();
                        for (int i = 0; i < 5; i++) {
                            if (client.send("news@busy.example.net", null, 3000, OUTSIDE).accepted()) {
                                accepted++;
                            }
                        }
                    }
                    return accepted;
                });
            }
            int total = 0;
            for (Future<Integer> result : threads.invokeAll(clients)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(50);
            assertThat(usedToday("busy", "busy.example.net")).isEqualTo(50);
            assertThat(outside.awaitMessages(50, Duration.ofSeconds(30))).hasSize(50);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void accountsAreManagedOverRest() {
        given().get("/relay-accounts/acme").then().statusCode(200)
            .body("username", org.hamcrest.Matchers.equalTo("acme"))
            .body("dailyLimit", org.hamcrest.Matchers.equalTo(200))
            .body("domains", org.hamcrest.Matchers.contains(SHOP))
            .body("password", org.hamcrest.Matchers.nullValue());
        putAccount("alice@shop.example.net", "{\"password\":\"" + PASSWORD + "\",\"domains\":[\"" + SHOP + "\"]}").then().statusCode(400)
            .body("message", org.hamcrest.Matchers.containsString("e-mail address"));
        putAccount("newone", "{\"domains\":[\"" + SHOP + "\"]}").then().statusCode(400)
            .body("message", org.hamcrest.Matchers.containsString("password is required"));
        putAccount("newone", "{\"password\":\"short\",\"domains\":[\"" + SHOP + "\"]}").then().statusCode(400);
        putAccount("newone", "{\"password\":\"" + PASSWORD + "\",\"domains\":[]}").then().statusCode(400);
        putAccount("newone", "{\"password\":\"" + PASSWORD + "\",\"domains\":[\"" + SHOP + "\"],\"limit\":5}").then().statusCode(400)
            .body("message", org.hamcrest.Matchers.containsString("unknown field 'limit'"));

        given().delete("/relay-accounts/acme").then().statusCode(204);
        given().delete("/relay-accounts/acme").then().statusCode(404);
        given().get("/relay-accounts/acme").then().statusCode(404);
    }

    @Test
    void theSpfRecordGeneratorMergesAndRespectsTheLookupLimit() {
        given().get("/relay-accounts/acme/spf").then().statusCode(200)
            .body("mechanisms", org.hamcrest.Matchers.contains("include:_spf.relay.example.net"))
            .body("record", org.hamcrest.Matchers.equalTo("v=spf1 include:_spf.relay.example.net ~all"));
        given().queryParam("current", "v=spf1 mx a:www.shop.example.net -all").get("/relay-accounts/acme/spf").then().statusCode(200)
            .body("record", org.hamcrest.Matchers.equalTo("v=spf1 mx a:www.shop.example.net include:_spf.relay.example.net -all"))
            .body("dnsLookups", org.hamcrest.Matchers.equalTo(3));
        // 2 own lookups + 1 for the new include + 6 inside _spf.big (a, mx, ptr, exists, include + its own none) ...
        given().queryParam("current", "v=spf1 include:_spf.big.example.net include:a.example.net include:b.example.net"
                + " include:c.example.net include:d.example.net -all")
            .get("/relay-accounts/acme/spf").then().statusCode(422)
            .body("message", org.hamcrest.Matchers.containsString("RFC 7208"));
        given().queryParam("current", "spf1 -all").get("/relay-accounts/acme/spf").then().statusCode(400);
    }

    private static io.restassured.response.Response putAccount(String name, String body) {
        return given().contentType(ContentType.JSON).body(body).put("/relay-accounts/" + name);
    }

    private static int usedToday(String account, String domain) {
        return given().get("/relay-accounts/" + account).jsonPath().getInt("usage.domains.'" + domain + "'.used");
    }
}
