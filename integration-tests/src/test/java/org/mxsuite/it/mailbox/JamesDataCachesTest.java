package org.mxsuite.it.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.Users.putUser;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.ImapSession;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.Smtp;

/**
 * On Derby the server answers from memory whether a domain is ours, a recipient is a user, what an address rewrites
 * to and whether a user has an active sieve script (the lookups every message makes). Each case here first makes the
 * server remember an answer with a real message, then changes it over WebAdmin: the next message sees the change.
 */
class JamesDataCachesTest {
    private static final String DOMAIN = "caches.example";
    private static final String PASSWORD = "caches-secret";
    private static final String SENDER = "carol@x.example";
    private static final String SIEVE = "require \"fileinto\";\r\nif header :contains \"subject\" \"[list]\" {\r\n  fileinto \"Lists\";\r\n}\r\n";
    private static int users;

    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer();

    private String alice;

    @BeforeEach
    void setUp() {
        putDomain(DOMAIN, "{\"service\":\"mailbox\"}");
        alice = "alice" + (++users) + "@" + DOMAIN;
        putUser(alice, PASSWORD);
    }

    @AfterEach
    void tearDown() {
        given().delete("/users/" + alice);
        given().delete("/hosted-domains/" + DOMAIN);
    }

    @Test
    void aRemovedUserIsRefusedAtTheNextMessage() throws Exception {
        assertThat(send(alice, "before").accepted()).isTrue();

        given().delete("/users/" + alice).then().statusCode(204);

        Smtp refused = send(alice, "after");
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.rcptReply(0)).startsWith("550 5.1.1");
    }

    @Test
    void aRemovedDomainIsNoLongerOursAtTheNextMessage() throws Exception {
        assertThat(send(alice, "before").accepted()).isTrue();

        given().delete("/users/" + alice).then().statusCode(204);
        given().delete("/hosted-domains/" + DOMAIN).then().statusCode(204);
        given().get("/domains/" + DOMAIN).then().statusCode(404);

        Smtp refused = send(alice, "after");
        assertThat(refused.accepted()).as("%s", refused).isFalse();
        assertThat(refused.rcptReply(0)).startsWith("550");
    }

    @Test
    void anAliasMadeAfterMailToItsAddressWasRefusedTakesEffectAtTheNextMessage() throws Exception {
        String sales = "sales" + users + "@" + DOMAIN;
        assertThat(send(sales, "nobody yet").rcptReply(0)).startsWith("550 5.1.1");

        given().put("/address/aliases/" + alice + "/sources/" + sales).then().statusCode(204);

        assertThat(send(sales, "to the alias").accepted()).isTrue();
        awaitMessages("INBOX", 1);

        given().delete("/address/aliases/" + alice + "/sources/" + sales).then().statusCode(204);
        assertThat(send(sales, "alias gone").rcptReply(0)).startsWith("550 5.1.1");
    }

    @Test
    void aSieveScriptActivatedAfterADeliveryActsOnTheNextMessage() throws Exception {
        assertThat(send(alice, "[list] before the script").accepted()).isTrue();
        awaitMessages("INBOX", 1);

        given().body(SIEVE).put("/sieve/" + alice + "/scripts/lists?activate=true").then().statusCode(204);
        assertThat(send(alice, "[list] after the script").accepted()).isTrue();
        awaitMessages("Lists", 1);

        given().body("keep;\r\n").put("/sieve/" + alice + "/scripts/other?activate=true").then().statusCode(204);
        assertThat(send(alice, "[list] script switched").accepted()).isTrue();
        awaitMessages("INBOX", 2);
    }

    private static Smtp send(String to, String subject) throws Exception {
        return Smtp.send(server.smtpInboundPort(), SENDER, Smtp.message(SENDER, to, subject, "hello"), to);
    }

    private void awaitMessages(String mailbox, int count) throws Exception {
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            String selected = imap.exchange("SELECT " + mailbox);
            while (!selected.contains("* " + count + " EXISTS")) {
                assertThat(Instant.now()).as("%d messages in %s: %s", count, mailbox, selected).isBefore(deadline);
                Thread.sleep(100);
                selected = imap.exchange("SELECT " + mailbox);
            }
        }
    }
}
