package org.mxsuite.administer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.mxsuite.testing.Addresses.address;
import static org.mxsuite.testing.Addresses.sender;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mxsuite.administer.testing.RoutesServer;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.MemoryHoldQueue;
import org.mxsuite.hold.Outcome;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.testing.RecordingBouncer;
import org.mxsuite.testing.UnstartedDeliveryEngine;

class HoldQueueRoutesTest {
    private static final DomainName BACKUP = DomainName.of("backup.example");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final HostedDomainStore domains = new MemoryHostedDomainStore();
    private final HoldQueue queue = new MemoryHoldQueue(clock);
    private final RecordingBouncer bouncer = new RecordingBouncer();

    @RegisterExtension
    final RoutesServer routes = RoutesServer.serving(
        () -> new HoldQueueRoutes(domains, queue, UnstartedDeliveryEngine.on(queue, domains, bouncer, clock)));

    HoldQueueRoutesTest() {
        domains.put(HostedDomain.of(BACKUP, ServiceKind.BACKUP));
    }

    private HeldMessageId hold(DomainName domain, String recipient) throws Exception {
        return queue.hold(domain, sender("alice@sender.example"), List.of(address(recipient)),
            new ByteArrayInputStream("Subject: held\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theQueueIsListedOldestFirstWithItsTotals() throws Exception {
        HeldMessageId first = hold(BACKUP, "a@backup.example");
        clock.advance(Duration.ofSeconds(1));
        hold(BACKUP, "b@backup.example");

        routes.given().get("/hosted-domains/backup.example/queue?limit=1").then().statusCode(200)
            .body("messages", equalTo(2)).body("bytes", equalTo(46)).body("limit", equalTo(1))
            .body("items", hasSize(1)).body("items[0].id", equalTo(first.asString()))
            .body("items[0].sender", equalTo("alice@sender.example"))
            .body("items[0].recipients[0].address", equalTo("a@backup.example"));
    }

    @Test
    void aRecipientsLastReplyAndNextAttemptAreShown() throws Exception {
        HeldMessageId id = hold(BACKUP, "a@backup.example");
        queue.claimMessage(id, NOW, "node", Duration.ofMinutes(1));
        queue.record(id, List.of(Outcome.deferred(address("a@backup.example"), "451 4.3.0 later", NOW.plusSeconds(600))));

        routes.given().get("/hosted-domains/backup.example/queue").then().statusCode(200)
            .body("items[0].attempts", equalTo(1)).body("items[0].lastReply", equalTo("451 4.3.0 later"))
            .body("items[0].nextAttempt", equalTo("2026-11-25T10:10:00Z"));
    }

    @Test
    void aDomainElsewhereIsShownWhileItHoldsMailAndUnknownOtherwise() throws Exception {
        routes.given().get("/hosted-domains/target.example/queue").then().statusCode(404);

        hold(DomainName.of("target.example"), "owner@target.example");

        routes.given().get("/hosted-domains/target.example/queue").then().statusCode(200).body("messages", equalTo(1));
    }

    @Test
    void aDomainThatHoldsNoMailHasNoQueue() {
        domains.put(HostedDomain.of(DomainName.of("mailbox.example"), ServiceKind.MAILBOX));

        routes.given().get("/hosted-domains/mailbox.example/queue").then().statusCode(409)
            .body("message", containsString("which holds no mail"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"offset=-1", "limit=0", "limit=1001", "limit=many"})
    void absurdPagingIsRefused(String query) {
        routes.given().get("/hosted-domains/backup.example/queue?" + query).then().statusCode(400);
    }

    @Test
    void aFlushMakesEveryMessageDueNow() throws Exception {
        HeldMessageId id = hold(BACKUP, "a@backup.example");
        queue.claimMessage(id, NOW, "node", Duration.ofMinutes(1));
        queue.record(id, List.of(Outcome.deferred(address("a@backup.example"), "451 later", NOW.plusSeconds(3600))));

        routes.given().post("/hosted-domains/backup.example/queue?action=flush").then().statusCode(202).body("messages", equalTo(1));

        assertThat(queue.dueTimes()).containsEntry(BACKUP, NOW);
    }

    @Test
    void aPausedDomainIsNotFlushedNorAnUnknownAction() throws Exception {
        domains.put(HostedDomain.holding(BACKUP, ServiceKind.BACKUP, HoldPolicy.builder().paused(true).build()));
        hold(BACKUP, "a@backup.example");

        routes.given().post("/hosted-domains/backup.example/queue?action=flush").then().statusCode(409);
        routes.given().post("/hosted-domains/backup.example/queue?action=deliver").then().statusCode(400);
    }

    @Test
    void aDroppedMessageLeavesTheQueueAndItsSenderIsToldOnlyIfAsked() throws Exception {
        HeldMessageId quiet = hold(BACKUP, "a@backup.example");
        HeldMessageId told = hold(BACKUP, "b@backup.example");

        routes.given().delete("/hosted-domains/backup.example/queue/" + quiet.asString()).then().statusCode(204);
        routes.given().delete("/hosted-domains/backup.example/queue/" + told.asString() + "?notifySender=true").then().statusCode(204);

        assertThat(queue.get(quiet)).isEmpty();
        assertThat(queue.get(told)).isEmpty();
        assertThat(bouncer.bounced()).extracting(message -> message.id()).containsExactly(told);
    }

    @Test
    void aDropWithAnUnclearNotificationIsRefusedAndDropsNothing() throws Exception {
        HeldMessageId id = hold(BACKUP, "a@backup.example");

        routes.given().delete("/hosted-domains/backup.example/queue/" + id.asString() + "?notifySender=yes").then().statusCode(400);

        assertThat(queue.get(id)).isPresent();
    }

    @Test
    void onlyAMessageHeldForThatDomainIsDropped() throws Exception {
        HeldMessageId elsewhere = hold(DomainName.of("target.example"), "owner@target.example");

        routes.given().delete("/hosted-domains/backup.example/queue/" + elsewhere.asString()).then().statusCode(404);
        routes.given().delete("/hosted-domains/backup.example/queue/not-an-id").then().statusCode(400);

        assertThat(queue.get(elsewhere)).isPresent();
    }

    @Test
    void aMessageADeliveryHoldsIsNotDropped() throws Exception {
        HeldMessageId id = hold(BACKUP, "a@backup.example");
        queue.claim(BACKUP, NOW, 10, "delivering-node", Duration.ofMinutes(5));

        routes.given().delete("/hosted-domains/backup.example/queue/" + id.asString()).then().statusCode(409);

        assertThat(queue.get(id)).isPresent();
    }
}
