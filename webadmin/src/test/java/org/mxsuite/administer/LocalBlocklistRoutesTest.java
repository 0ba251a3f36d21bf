package org.mxsuite.administer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mxsuite.administer.testing.RoutesServer;
import org.mxsuite.dnsbl.LocalBlocklist;
import org.mxsuite.dnsbl.LocalBlocklistEntry;
import org.mxsuite.dnsbl.MemoryLocalBlocklist;
import org.mxsuite.domain.Cidr;
import org.mxsuite.testing.MutableClock;

class LocalBlocklistRoutesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final LocalBlocklist blocklist = new MemoryLocalBlocklist(clock);

    @RegisterExtension
    final RoutesServer routes = RoutesServer.serving(() -> new LocalBlocklistRoutes(blocklist, clock));

    @Test
    void aNetworkIsListedWithItsReasonAndExpiry() {
        routes.given().body("{\"reason\":\"spam run\",\"expiresIn\":\"7d\"}").put("/dnsbl/local/192.0.2.0/24").then().statusCode(204);

        assertThat(blocklist.get(Cidr.parse("192.0.2.0/24"))).contains(new LocalBlocklistEntry(Cidr.parse("192.0.2.0/24"),
            Optional.of("spam run"), Optional.of(NOW.plus(Duration.ofDays(7))), NOW));
        routes.given().get("/dnsbl/local/192.0.2.0%2F24").then().statusCode(200)
            .body("reason", equalTo("spam run")).body("expires", equalTo("2026-12-02T10:00:00Z"));
        routes.given().get("/dnsbl/local").then().statusCode(200).body("$", hasSize(1)).body("[0].network", equalTo("192.0.2.0/24"));
    }

    @Test
    void withoutABodyAnAddressIsListedForGood() {
        routes.given().put("/dnsbl/local/2001:db8::1").then().statusCode(204);

        assertThat(blocklist.list()).singleElement().satisfies(entry -> {
            assertThat(entry.network()).isEqualTo(Cidr.parse("2001:db8::1/128"));
            assertThat(entry.expires()).isEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"reason\":", "{\"why\":\"x\"}", "{\"expires\":\"tomorrow\"}", "{\"expires\":\"2020-01-01T00:00:00Z\"}",
        "{\"expires\":\"2027-01-01T00:00:00Z\",\"expiresIn\":\"1d\"}", "{\"reason\":\"two\\r\\nlines\"}", "{\"expiresIn\":\"soon\"}"})
    void anInvalidEntryIsRefusedAndListsNothing(String body) {
        routes.given().body(body).put("/dnsbl/local/192.0.2.0/24").then().statusCode(400).body("type", equalTo("InvalidArgument"));

        assertThat(blocklist.list()).isEmpty();
    }

    @Test
    void somethingThatIsNoNetworkIsRefused() {
        routes.given().put("/dnsbl/local/192.0.2.0/33").then().statusCode(400);
        routes.given().get("/dnsbl/local/example.com").then().statusCode(400);
    }

    @Test
    void anUnlistedNetworkIsNotFoundAndRemovingIsOnce() {
        routes.given().get("/dnsbl/local/198.51.100.0/24").then().statusCode(404);
        blocklist.put(new LocalBlocklistEntry(Cidr.parse("198.51.100.0/24"), Optional.empty(), Optional.empty(), NOW));

        routes.given().delete("/dnsbl/local/198.51.100.0/24").then().statusCode(204);
        routes.given().delete("/dnsbl/local/198.51.100.0/24").then().statusCode(404);
        assertThat(blocklist.list()).isEmpty();
    }
}
