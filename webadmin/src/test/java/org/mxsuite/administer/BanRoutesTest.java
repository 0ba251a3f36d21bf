package org.mxsuite.administer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mxsuite.administer.testing.RoutesServer;
import org.mxsuite.ban.BanSettings;
import org.mxsuite.ban.BanStore;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.ClientAddress;
import org.mxsuite.ban.MemoryBanStore;
import org.mxsuite.ban.Protocol;
import org.mxsuite.domain.Cidr;
import org.mxsuite.testing.MutableClock;

class BanRoutesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final ClientAddress ATTACKER = ClientAddress.parse("192.0.2.7");

    private final MutableClock clock = new MutableClock(NOW);
    private final BanStore store = new MemoryBanStore();
    private final BruteForceGuard guard = new BruteForceGuard(store,
        new BanSettings(3, Duration.ofHours(1), Duration.ofHours(2), List.of(Cidr.parse("10.0.0.0/8"))), clock);

    @RegisterExtension
    final RoutesServer routes = RoutesServer.serving(() -> new BanRoutes(guard));

    @Test
    void aBanByHandLastsWhatWasAskedAndIsListed() {
        routes.given().body("{\"reason\":\"spam run\",\"duration\":\"1d\"}").put("/bans/192.0.2.7").then().statusCode(200)
            .body("address", equalTo("192.0.2.7")).body("expiresAt", equalTo(NOW.plus(Duration.ofDays(1)).toString()));

        assertThat(guard.banOf(ATTACKER)).hasValueSatisfying(ban -> assertThat(ban.reason()).isEqualTo("spam run"));
        routes.given().get("/bans").then().statusCode(200).body("$", hasSize(1)).body("[0].reason", equalTo("spam run"));
        routes.given().get("/bans/192.0.2.7").then().statusCode(200).body("failures", equalTo(0));
    }

    @Test
    void withoutABodyTheBanLastsTheConfiguredDuration() {
        routes.given().put("/bans/192.0.2.7").then().statusCode(200)
            .body("expiresAt", equalTo(NOW.plus(Duration.ofHours(2)).toString()))
            .body("reason", equalTo("banned by an administrator"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"reason\":", "{\"why\":\"x\"}", "{\"duration\":\"forever\"}", "{\"duration\":\"99999d\"}",
        "{\"duration\":\"0s\"}", "{\"reason\":42}"})
    void anInvalidBanIsRefusedAndBansNobody(String body) {
        routes.given().body(body).put("/bans/192.0.2.7").then().statusCode(400).body("type", equalTo("InvalidArgument"));

        assertThat(store.activeBans(NOW)).isEmpty();
    }

    @Test
    void anExemptAddressOrNoAddressIsRefused() {
        routes.given().put("/bans/10.1.2.3").then().statusCode(400);
        routes.given().put("/bans/not-an-address").then().statusCode(400);

        assertThat(store.activeBans(NOW)).isEmpty();
    }

    @Test
    void liftingEndsTheBanOnce() {
        guard.ban(ATTACKER, "x", java.util.Optional.empty());

        routes.given().delete("/bans/192.0.2.7").then().statusCode(204);
        routes.given().delete("/bans/192.0.2.7").then().statusCode(404);
        routes.given().get("/bans/192.0.2.7").then().statusCode(404);
        assertThat(guard.banOf(ATTACKER)).isEmpty();
    }

    @Test
    void aSuspendedUserNameIsShownAndLifted() {
        for (int i = 0; i < 7; i++) {
            guard.loginFailed(ClientAddress.parse("198.51.100." + (i + 1)), Protocol.IMAP, "Alice@Example.com");
        }

        routes.given().get("/bans/users/alice@example.com").then().statusCode(200).body("user", equalTo("alice@example.com"));
        routes.given().delete("/bans/users/alice@example.com").then().statusCode(204);
        routes.given().get("/bans/users/alice@example.com").then().statusCode(404);
        assertThat(guard.suspensionOf("alice@example.com")).isEmpty();
    }
}
