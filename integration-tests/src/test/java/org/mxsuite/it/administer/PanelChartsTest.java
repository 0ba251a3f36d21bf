package org.mxsuite.it.administer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.awaitAttempts;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.Users.putUser;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerAndSenders;
import org.mxsuite.it.support.MailClients;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.PanelClient;
import org.mxsuite.it.support.SharesTheServer;
import org.mxsuite.it.support.Smtp;

/**
 * The pictures of a domain's page over real HTTP, from what the server really did: a delivery to the customer's
 * server, a return to the sender, a deferral while the server is down, and mail a mailbox user relayed. The figures
 * are read in the charts' text alternative (the totals and tables beside each chart).
 */
@SharesTheServer
class PanelChartsTest {
    private static final String CHARTS = "charts.example";
    private static final String MAILBOX = "charts-mailbox.example";
    private static final String OTHER = "charts-other.example";
    private static final String USER = "dana@" + MAILBOX;
    private static final String PASSWORD = "a long secret";

    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @RegisterExtension
    final CustomerAndSenders servers = new CustomerAndSenders(server);

    @AfterEach
    void cleanUp() {
        given().delete("/panel-accounts/owner@" + CHARTS);
        given().delete("/panel-accounts/owner@" + OTHER);
        given().delete("/users/" + USER);
    }

    @Test
    void theOwnersPageChartsItsDeliveriesReturnsDeferralsHeldMailAndRelaysAndAnotherOwnerIsRefused() throws Exception {
        putDomain(CHARTS, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:" + servers.customer().port() + "\",\"retryInterval\":\"1h\"}");
        putDomain(MAILBOX, "{\"service\":\"mailbox\"}");
        putDomain(OTHER, "{\"service\":\"backup\",\"destination\":\"127.0.0.1:9\"}");
        putUser(USER, PASSWORD);
        given().body("{\"role\":\"owner\",\"password\":\"" + PASSWORD + "\",\"domains\":[\"" + CHARTS + "\",\"" + MAILBOX + "\"]}")
            .put("/panel-accounts/owner@" + CHARTS).then().statusCode(201);
        given().body("{\"role\":\"owner\",\"password\":\"" + PASSWORD + "\",\"domains\":[\"" + OTHER + "\"]}")
            .put("/panel-accounts/owner@" + OTHER).then().statusCode(201);

        servers.customer().rejectRecipient("carol@" + CHARTS, "550 5.1.1 no such user");
        assertThat(send("delivered and returned", "bob@" + CHARTS, "carol@" + CHARTS).accepted()).isTrue();
        assertThat(servers.customer().awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
        assertThat(servers.senders().awaitMessages(1, Duration.ofSeconds(10))).as("the return to the sender").hasSize(1);
        servers.customer().stop();
        assertThat(send("deferred", "bob@" + CHARTS).accepted()).isTrue();
        awaitAttempts(CHARTS, 1);
        String relayed = MailClients.submit(server.smtpSubmissionPort(), USER, PASSWORD, USER, "alice@" + CustomerAndSenders.SENDERS,
            Smtp.message(USER, "alice@" + CustomerAndSenders.SENDERS, "relayed", "relayed"));
        assertThat(relayed).startsWith("250");

        PanelClient owner = new PanelClient(server.panelPort(), "127.0.0.5");
        owner.signIn("owner@" + CHARTS, PASSWORD);
        String page = awaitPage(owner, "/domains/" + CHARTS, "<span class=\"deferred\">[1-9]");
        assertThat(figure(page, "delivery-totals", "delivered")).isEqualTo(1);
        assertThat(figure(page, "delivery-totals", "returned")).isEqualTo(1);
        assertThat(page).contains("<svg", "id=\"delivery-chart\"", "id=\"held-chart\"", "<title id=\"delivery-chart-title\">")
            .doesNotContain("style=", "<script").doesNotContain("Relay usage");
        // one hour's row, or two when the hour turned meanwhile
        assertThat(page).containsPattern("<tr><td>[-0-9]{10} \\d\\d:00</td><td class=\"delivered\">[01]</td><td class=\"deferred\">\\d+</td>"
            + "<td class=\"returned\">[01]</td></tr>");
        String held = awaitPage(owner, "/domains/" + CHARTS, "<tr><td>" + LocalDate.now(ZoneOffset.UTC) + "</td><td>1</td></tr>");
        assertThat(held).contains("id=\"held-figures\"");

        String mailbox = owner.get("/domains/" + MAILBOX).body;
        assertThat(mailbox).contains("<h2>Relay usage</h2>", "id=\"relay-chart\"", "limit 200")
            .contains("Today: <span class=\"used\">1</span> of <span class=\"limit\">200</span>")
            .contains("<tr><td>" + LocalDate.now(ZoneOffset.UTC) + "</td><td>1</td></tr>");

        PanelClient another = new PanelClient(server.panelPort(), "127.0.0.6");
        another.signIn("owner@" + OTHER, PASSWORD);
        PanelClient.Answer refused = another.get("/domains/" + CHARTS);
        assertThat(refused.status).isEqualTo(403);
        assertThat(refused.body).doesNotContain("delivery-chart");
        assertThat(another.get("/domains/" + MAILBOX).status).isEqualTo(403);
    }

    private Smtp send(String subject, String... recipients) throws Exception {
        String sender = "alice@" + CustomerAndSenders.SENDERS;
        return Smtp.send(server.smtpInboundPort(), sender, Smtp.message(sender, recipients[0], subject, subject), recipients);
    }

    /** The page once it shows what {@code pattern} finds: the counts reach the state store at the next flush. */
    private static String awaitPage(PanelClient browser, String path, String pattern) throws Exception {
        Instant deadline = Instant.now().plusSeconds(15);
        Pattern expected = Pattern.compile(pattern);
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            PanelClient.Answer page = browser.get(path);
            assertThat(page.status).isEqualTo(200);
            body = page.body;
            if (expected.matcher(body).find()) {
                return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + pattern + " in " + path + " within 15 s:\n" + body);
    }

    private static long figure(String page, String list, String kind) {
        Matcher found = Pattern.compile("id=\"" + list + "\".*?<span class=\"" + kind + "\">(\\d+)</span>", Pattern.DOTALL).matcher(page);
        assertThat(found.find()).as(kind + " in " + list).isTrue();
        return Long.parseLong(found.group(1));
    }
}
