package org.mxsuite.administer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.administer.testing.RoutesServer;
import org.mxsuite.domain.Cidr;
import org.mxsuite.greylist.AllowList;
import org.mxsuite.greylist.Greylist;
import org.mxsuite.greylist.GreylistSettings;
import org.mxsuite.greylist.GreylistStore;
import org.mxsuite.greylist.MemoryGreylistStore;
import org.mxsuite.greylist.Triplet;
import org.mxsuite.testing.MutableClock;

class GreylistRoutesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final GreylistStore store = new MemoryGreylistStore();
    private final GreylistSettings settings = new GreylistSettings(Duration.ofMinutes(5), Duration.ofDays(2), Duration.ofDays(35),
        1, 24, 64, Duration.ofHours(1), Map.of(AllowList.SENDER_DOMAINS, Set.of("configured.example")));

    @RegisterExtension
    final RoutesServer routes = RoutesServer.serving(() -> new GreylistRoutes(new Greylist(store, settings, clock)));

    @Test
    void statsCountTheStoresTripletsAndTellTheSettings() {
        Triplet passed = new Triplet(Cidr.parse("192.0.2.0/24"), "a@sender.example", "b@hosted.example");
        store.firstSight(passed, NOW.minusSeconds(600));
        store.pass(passed, NOW.minusSeconds(60));
        store.firstSight(new Triplet(Cidr.parse("198.51.100.0/24"), "c@sender.example", "b@hosted.example"), NOW);

        routes.given().get("/greylist/stats").then().statusCode(200)
            .body("triplets", equalTo(2)).body("passed", equalTo(1)).body("deferred", equalTo(1))
            .body("autoAllowed", equalTo(1)).body("settings.delay", equalTo("5m"));
    }

    @Test
    void anEntryAddedIsStoredInItsCanonicalFormAndShownApartFromTheConfiguredOnes() {
        routes.given().put("/greylist/allow/clients/192.0.2.9/24").then().statusCode(204);
        routes.given().put("/greylist/allow/senderDomains/Added.Example").then().statusCode(204);

        assertThat(store.allowed(AllowList.CLIENTS)).containsExactly("192.0.2.0/24");
        routes.given().get("/greylist/allow/senderDomains").then().statusCode(200)
            .body("configured", equalTo(List.of("configured.example"))).body("added", equalTo(List.of("added.example")));
        routes.given().get("/greylist/allow").then().statusCode(200).body("clients.added", equalTo(List.of("192.0.2.0/24")));
    }

    @Test
    void anEntryNotOfItsListsKindIsRefused() {
        routes.given().put("/greylist/allow/clients/not-a-network").then().statusCode(400);
        routes.given().put("/greylist/allow/recipients/nobody").then().statusCode(400);

        assertThat(store.allowed(AllowList.CLIENTS)).isEmpty();
        assertThat(store.allowed(AllowList.RECIPIENTS)).isEmpty();
    }

    @Test
    void anUnknownListIsNotFound() {
        routes.given().get("/greylist/allow/friends").then().statusCode(404);
        routes.given().put("/greylist/allow/friends/192.0.2.1").then().statusCode(404);
    }

    @Test
    void removingTellsAddedFromConfiguredFromAbsent() {
        store.allow(AllowList.RECIPIENTS, "postmaster@hosted.example");

        routes.given().delete("/greylist/allow/recipients/Postmaster@Hosted.Example").then().statusCode(204);
        routes.given().delete("/greylist/allow/recipients/postmaster@hosted.example").then().statusCode(404);
        routes.given().delete("/greylist/allow/senderDomains/configured.example").then().statusCode(409);

        assertThat(store.allowed(AllowList.RECIPIENTS)).isEmpty();
    }
}
