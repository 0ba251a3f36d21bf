package org.mxsuite.administer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.administer.testing.RoutesServer;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.trace.MemoryTraceStore;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceOutcome;

class TraceRoutesTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final MemoryTraceStore store = new MemoryTraceStore();

    @RegisterExtension
    final RoutesServer routes = RoutesServer.serving(() -> new TraceRoutes(store, clock));

    TraceRoutesTest() {
        Instant received = NOW.minus(Duration.ofHours(3));
        store.add(List.of(
            TraceEvent.builder(TraceOutcome.ACCEPTED, received, "backup.example").sender("alice@sender.example").recipient("bob@backup.example")
                .messageId(Optional.of("<m1@sender.example>")).client(Optional.of("192.0.2.7")).size(1234).build(),
            TraceEvent.builder(TraceOutcome.HELD, received, "backup.example").sender("alice@sender.example").recipient("bob@backup.example")
                .messageId(Optional.of("<m1@sender.example>")).heldId("h1").size(1234).build(),
            TraceEvent.builder(TraceOutcome.DEFERRED, received.plusSeconds(60), "backup.example").sender("alice@sender.example")
                .recipient("bob@backup.example").heldId("h1").reply("421 4.4.1 cannot connect").build(),
            TraceEvent.builder(TraceOutcome.DELIVERED, NOW.minus(Duration.ofHours(1)), "backup.example").sender("alice@sender.example")
                .recipient("bob@backup.example").heldId("h1").host("mx.backup.example").address("192.0.2.25").tls(true)
                .reply("250 2.0.0 queued").build(),
            TraceEvent.builder(TraceOutcome.REFUSED, NOW.minus(Duration.ofMinutes(10)), "other.example").sender("")
                .recipient("carol@other.example").client(Optional.of("203.0.113.9")).reply("450 4.7.1 greylisted").build()));
    }

    @Test
    void everyEventComesNewestFirstWithItsFields() {
        routes.given().get("/trace").then().statusCode(200)
            .body("offset", equalTo(0)).body("limit", equalTo(100)).body("next", nullValue())
            .body("events", hasSize(5))
            .body("events[0].outcome", equalTo("refused")).body("events[0].sender", equalTo(""))
            .body("events[0].client", equalTo("203.0.113.9")).body("events[0].reply", equalTo("450 4.7.1 greylisted"))
            .body("events[1].outcome", equalTo("delivered")).body("events[1].host", equalTo("mx.backup.example"))
            .body("events[1].address", equalTo("192.0.2.25")).body("events[1].tls", equalTo(true))
            .body("events[1].heldId", equalTo("h1")).body("events[1].at", equalTo("2026-12-05T11:00:00Z"))
            .body("events[4].outcome", equalTo("accepted")).body("events[4].size", equalTo(1234))
            .body("events[4].messageId", equalTo("<m1@sender.example>"));
    }

    @Test
    void eachCriterionNarrowsTheSearch() {
        routes.given().queryParam("domain", "Backup.example").get("/trace").then().statusCode(200).body("events", hasSize(4));
        routes.given().queryParam("sender", "alice@sender.example").get("/trace").then().body("events", hasSize(4));
        routes.given().queryParam("sender", "").get("/trace").then().body("events", hasSize(1));
        routes.given().queryParam("recipient", "carol@other.example").get("/trace").then().body("events[0].outcome", equalTo("refused"));
        routes.given().queryParam("messageId", "<m1@sender.example>").get("/trace").then().body("events", hasSize(4));
        routes.given().queryParam("outcome", "deferred").get("/trace").then().body("events", hasSize(1))
            .body("events[0].reply", equalTo("421 4.4.1 cannot connect"));
        routes.given().queryParam("since", "2h").get("/trace").then().body("events", hasSize(2));
        routes.given().queryParam("since", "2026-12-05T09:00:00Z").queryParam("until", "2026-12-05T09:01:00Z").get("/trace").then()
            .body("events", hasSize(2));
    }

    @Test
    void pagesFollowOneAnother() {
        routes.given().queryParam("limit", 2).get("/trace").then().body("events", hasSize(2)).body("next", equalTo(2));
        routes.given().queryParam("limit", 2).queryParam("offset", 2).get("/trace").then().body("events", hasSize(2))
            .body("events[0].outcome", equalTo("deferred")).body("next", equalTo(4));
        routes.given().queryParam("limit", 2).queryParam("offset", 4).get("/trace").then().body("events", hasSize(1))
            .body("next", nullValue());
    }

    @Test
    void badParametersAreRefusedWithTheirName() {
        assertInvalid("domain", "not_a_domain!", "domain");
        assertInvalid("sender", "not an address", "sender");
        assertInvalid("recipient", "nobody", "recipient");
        assertInvalid("since", "yesterday", "since must be an instant");
        assertInvalid("until", "2026-13-01", "until must be an instant");
        assertInvalid("outcome", "lost", "outcome must be one of accepted, refused, held");
        assertInvalid("limit", "0", "limit must be between 1 and 1000");
        assertInvalid("limit", "ten", "limit must be a whole number");
        assertInvalid("offset", "-1", "offset must be between 0");
        assertInvalid("messageId", " ", "messageId must not be empty");
        assertInvalid("from", "alice@sender.example", "unknown parameter 'from'");
    }

    private void assertInvalid(String name, String value, String message) {
        routes.given().queryParam(name, value).get("/trace").then().statusCode(400)
            .body("statusCode", equalTo(400)).body("type", equalTo("InvalidArgument")).body("message", containsString(message));
    }
}
