package org.mxsuite.it.route;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.HostedDomains.removeAllDomains;
import static org.mxsuite.it.support.Users.putUser;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.JamesMetrics;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.ReceivedMessage;
import org.mxsuite.it.support.Smtp;

/**
 * Catch-all forwarding end to end: a real DNS server on 127.0.0.1:53 gives the targets' MX records (James's resolver
 * only speaks to port 53), a real SMTP server on 127.0.0.3:25 is the target, and the senders' own domain is relayed
 * to another real SMTP server so that returned mail can be seen arriving.
 */
class ForwardingTest {
    private static final String FORWARD = "fwd.example";
    private static final String SENDERS = "sender.example";
    private static final String SRS_DOMAIN = "srs.mxsuite.test";

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onPort53(records -> records
        // the forward targets' MX records
        .mx("elsewhere.example", 10, "mx.elsewhere.example").a("mx.elsewhere.example", "127.0.0.3")
        .mx("other.example", 10, "mx.other.example").a("mx.other.example", "127.0.0.3"));

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of(
        "mxsuite.forward.srsdomain", SRS_DOMAIN,
        "mxsuite.forward.srssecrets", "forwarding-test-secret-0123"));

    private CustomerSmtpServer target;
    private CustomerSmtpServer senders;

    @BeforeEach
    void setUp() throws Exception {
        target = new CustomerSmtpServer(InetAddress.getByName("127.0.0.3"), 25).start();
        senders = new CustomerSmtpServer().start();
        putDomain(SENDERS, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + senders.port() + "\"}");
        putDomain(FORWARD, "{\"service\":\"forward\",\"forwardTo\":\"owner@elsewhere.example\","
            + "\"addresses\":{\"sales\":\"sales-team@other.example\"},\"reject\":[\"old\"]}");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (target != null) {
            target.close();
            senders.close();
            for (String domain : List.of("elsewhere.example", "other.example")) {
                List<String> held = given().get("/hosted-domains/" + domain + "/queue").jsonPath().getList("items.id");
                for (String id : held == null ? List.<String>of() : held) {
                    given().delete("/hosted-domains/" + domain + "/queue/" + id);
                }
            }
            removeAllDomains();
        }
    }

    @Test
    void everyAddressReachesTheTargetUnchangedWithAnSrsSender() throws Exception {
        String message = Smtp.message("alice@" + SENDERS, "anyone@" + FORWARD, "forwarded", "hello from alice");

        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, message, "Anyone@" + FORWARD).accepted()).isTrue();

        ReceivedMessage received = target.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(received.recipients()).containsExactly("owner@elsewhere.example");
        assertThat(received.sender()).matches("SRS0=[A-Z2-7]{6}=[A-Z2-7]{2}=sender\\.example=alice@" + SRS_DOMAIN.replace(".", "\\."));
        assertThat(belowOurReceivedHeader(received.content())).isEqualTo(message);
    }

    @Test
    void aRoutedLocalPartGoesElsewhereAndARejectedOneIsRefused() throws Exception {
        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS,
            Smtp.message("alice@" + SENDERS, "sales@" + FORWARD, "routes", "x"), "SALES@" + FORWARD, "old@" + FORWARD);

        assertThat(sent.rcptReply(1)).startsWith("550 5.1.1");
        assertThat(sent.accepted()).isTrue();
        assertThat(target.awaitMessages(1, Duration.ofSeconds(10)).get(0).recipients()).containsExactly("sales-team@other.example");
    }

    @Test
    void aQuotedLocalPartIsTheSameMailboxForRoutesAndRefusals() throws Exception {
        Smtp sent = Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS,
            Smtp.message("alice@" + SENDERS, "sales@" + FORWARD, "quoted", "x"), "\"o\\ld\"@" + FORWARD, "\"Old\"@" + FORWARD,
            "\"sales\"@" + FORWARD);

        assertThat(sent.rcptReply(0)).startsWith("550 5.1.1");
        assertThat(sent.rcptReply(1)).startsWith("550 5.1.1");
        assertThat(sent.accepted()).isTrue();
        assertThat(target.awaitMessages(1, Duration.ofSeconds(10)).get(0).recipients()).containsExactly("sales-team@other.example");
    }

    @Test
    void aBounceToTheSrsAddressReachesTheOriginalSenderAndATamperedOneIsRefused() throws Exception {
        Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, "x@" + FORWARD, "to bounce", "x"),
            "x@" + FORWARD);
        String srsAddress = target.awaitMessages(1, Duration.ofSeconds(10)).get(0).sender();

        String bounce = "From: <mailer-daemon@elsewhere.example>\r\nTo: <" + srsAddress + ">\r\nSubject: Undelivered\r\n\r\nno such user\r\n";
        assertThat(Smtp.send(server.smtpInboundPort(), "", bounce, srsAddress).accepted()).isTrue();
        ReceivedMessage returned = senders.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(returned.recipients()).containsExactly("alice@" + SENDERS);
        assertThat(returned.sender()).isEmpty();

        String tampered = srsAddress.replace("=alice@", "=mallory@");
        assertThat(Smtp.send(server.smtpInboundPort(), "", bounce, tampered).rcptReply(0)).startsWith("550 5.7.1").contains("SRS");
    }

    @Test
    void anSrsAddressTakesBouncesOnly() throws Exception {
        String srsAddress = forwardedSrsAddress();

        // anyone who saw the Return-Path could otherwise send alice anything through us
        Smtp notABounce = Smtp.send(server.smtpInboundPort(), "mallory@third.example",
            Smtp.message("mallory@third.example", srsAddress, "spam", "buy now"), srsAddress);
        assertThat(notABounce.rcptReply(0)).startsWith("550 5.7.1").contains("takes bounces only");
        assertThat(notABounce.accepted()).isFalse();
    }

    @Test
    void refusedSrsAddressesPastTheLimitDeferEveryBounceOfThatClient() throws Exception {
        String srsAddress = forwardedSrsAddress();
        String tampered = srsAddress.replace("=alice@", "=mallory@");
        InetAddress guesser = InetAddress.getByName("127.0.0.9");

        List<String> replies = bounceRecipients(guesser, Collections.nCopies(10, tampered));
        assertThat(replies).allMatch(reply -> reply.startsWith("550 5.7.1"));
        // the eleventh try tells nothing, right or wrong: the signature cannot be found by guessing
        assertThat(bounceRecipients(guesser, List.of(srsAddress, tampered)))
            .allMatch(reply -> reply.startsWith("450 4.7.1") && reply.contains("too many bounces to SRS addresses from [127.0.0.9]"));
        assertThat(bounceRecipients(InetAddress.getByName("127.0.0.1"), List.of(srsAddress)).get(0)).as("another client")
            .startsWith("250");
    }

    @Test
    void mailThatIsNotABounceReachingAnSrsAddressThroughAnAliasIsDropped() throws Exception {
        String srsAddress = forwardedSrsAddress();
        putDomain("mbx.example", "{\"service\":\"mailbox\"}");
        putUser("carol@mbx.example", "carol-secret");
        given().put("/address/forwards/carol@mbx.example/targets/" + srsAddress).then().statusCode(204);
        try {
            // accepted for carol, whose alias names the SRS address: James's alias table sends it on in the spool
            assertThat(Smtp.send(server.smtpInboundPort(), "mallory@third.example",
                Smtp.message("mallory@third.example", "carol@mbx.example", "through an alias", "buy now"), "carol@mbx.example").accepted()).isTrue();
            // a real bounce afterwards goes back, and is then the only message alice's server sees
            String bounce = "From: <mailer-daemon@elsewhere.example>\r\nTo: <" + srsAddress + ">\r\nSubject: Undelivered\r\n\r\nno such user\r\n";
            assertThat(Smtp.send(server.smtpInboundPort(), "", bounce, srsAddress).accepted()).isTrue();
            assertThat(senders.awaitMessages(1, Duration.ofSeconds(10)).get(0).sender()).isEmpty();
            Thread.sleep(2000);
            assertThat(senders.messages()).extracting(ReceivedMessage::sender).containsExactly("");
        } finally {
            given().delete("/address/forwards/carol@mbx.example/targets/" + srsAddress);
            given().delete("/users/carol@mbx.example");
        }
    }

    /** Forwards one message from alice and returns the SRS address the target saw as its sender. */
    private String forwardedSrsAddress() throws Exception {
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS,
            Smtp.message("alice@" + SENDERS, "x@" + FORWARD, "to bounce", "x"), "x@" + FORWARD).accepted()).isTrue();
        return target.awaitMessages(1, Duration.ofSeconds(10)).get(0).sender();
    }

    /** The replies to RCPT of each recipient in one transaction from the null sender, from {@code client}. */
    private static List<String> bounceRecipients(InetAddress client, List<String> recipients) throws Exception {
        SMTPClient smtp = new SMTPClient();
        smtp.connect(InetAddress.getByName("127.0.0.1"), server.smtpInboundPort(), client, 0);
        try {
            smtp.helo("bouncer.test");
            assertThat(smtp.setSender("")).isTrue();
            List<String> replies = new ArrayList<>();
            for (String recipient : recipients) {
                smtp.sendCommand("RCPT TO:<" + recipient + ">");
                replies.add(smtp.getReplyString().trim());
            }
            return replies;
        } finally {
            smtp.disconnect();
        }
    }

    @Test
    void whileTheTargetIsDownMailIsHeldThenDelivered() throws Exception {
        holdOneForTheTarget();

        // per-domain gauges are for hosted domains: one for every domain mail was ever held for would grow without end
        assertThat(JamesMetrics.gauge("mxsuite_held_messages.elsewhere.example")).isEmpty();
        target.start();
        assertThat(target.awaitMessages(1, Duration.ofSeconds(15))).hasSize(1);
        awaitHeld("elsewhere.example", 0);
    }

    @Test
    void theQueueOfATargetWeDoNotHostIsShownWhileItHoldsMailAndItsServerIsNeverProbed() throws Exception {
        holdOneForTheTarget();
        String id = given().get("/hosted-domains/elsewhere.example/queue").then().statusCode(200).extract().path("items[0].id");

        // the probe is for a customer's own server, not for a stranger's MX
        given().post("/hosted-domains/elsewhere.example/probe")
            .then().statusCode(404)
            .body("message", equalTo("elsewhere.example is not a hosted domain"));

        given().delete("/hosted-domains/elsewhere.example/queue/" + id).then().statusCode(204);
        given().get("/hosted-domains/elsewhere.example/queue")
            .then().statusCode(404)
            .body("message", equalTo("elsewhere.example is not a hosted domain and holds no mail"));
    }

    /** The target's server down, one message to the forward domain held for the target's domain. */
    private void holdOneForTheTarget() throws Exception {
        target.stop();
        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS,
            Smtp.message("alice@" + SENDERS, "bob@" + FORWARD, "held", "x"), "bob@" + FORWARD).accepted()).isTrue();
        awaitHeld("elsewhere.example", 1);
    }

    @Test
    void aTargetAtADomainWeRelayIsHeldForThatDomainWithoutDns() throws Exception {
        putDomain("fwd2.example", "{\"service\":\"forward\",\"forwardTo\":\"bob@" + SENDERS + "\"}");
        int queries = dns.queries();

        assertThat(Smtp.send(server.smtpInboundPort(), "carol@third.example",
            Smtp.message("carol@third.example", "x@fwd2.example", "to a relay domain", "x"), "x@fwd2.example").accepted()).isTrue();

        ReceivedMessage received = senders.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(received.recipients()).containsExactly("bob@" + SENDERS);
        assertThat(received.sender()).startsWith("SRS0=").endsWith("=third.example=carol@" + SRS_DOMAIN);
        assertThat(dns.queries()).as("the relay domain's own destination, no MX lookup").isEqualTo(queries);
    }

    @Test
    void aLoopBetweenTwoForwardDomainsIsReturnedToTheSender() throws Exception {
        putDomain("loop-a.example", "{\"service\":\"forward\",\"forwardTo\":\"x@loop-b.example\"}");
        putDomain("loop-b.example", "{\"service\":\"forward\",\"forwardTo\":\"y@loop-a.example\"}");

        assertThat(Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS,
            Smtp.message("alice@" + SENDERS, "z@loop-a.example", "looping", "x"), "z@loop-a.example").accepted()).isTrue();

        ReceivedMessage bounce = senders.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(bounce.recipients()).containsExactly("alice@" + SENDERS);
        // an RFC 3464 report from the null sender, as held mail gets (James's own bounce is a plain "Re:" reply)
        assertThat(bounce.sender()).isEmpty();
        assertThat(bounce.contentAsString()).contains("forwarding loop", "multipart/report", "report-type=delivery-status",
            "Final-Recipient: rfc822; z@loop-a.example", "Action: failed", "Status: 5.4.6", "Auto-Submitted: auto-replied",
            "Subject: looping");
        assertThat(target.messages()).isEmpty();
    }

    /** The message as the target got it, without the trace headers this server added on top. */
    private static String belowOurReceivedHeader(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(text.split("\r\n", -1));
        int index = 0;
        while (index < lines.size() && (lines.get(index).startsWith("Received:") || lines.get(index).startsWith("Return-Path:")
            || (index > 0 && (lines.get(index).startsWith(" ") || lines.get(index).startsWith("\t"))))) {
            index++;
        }
        return String.join("\r\n", lines.subList(index, lines.size()));
    }

    private static void awaitHeld(String domain, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        // a domain we do not host has no queue (404, no count) while it holds nothing
        while (Optional.ofNullable(given().get("/hosted-domains/" + domain + "/queue").jsonPath().<Integer>get("messages")).orElse(0) != count) {
            assertThat(System.nanoTime()).as("%s holds %s messages", domain, count).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
