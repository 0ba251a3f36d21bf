package org.mxsuite.administer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mxsuite.administer.testing.RoutesServer;
import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.DomainName;
import org.mxsuite.limit.MemoryCounterStore;
import org.mxsuite.limit.TrafficCounters;
import org.mxsuite.relay.MemoryRelayAccountStore;
import org.mxsuite.relay.MemoryRelayUsageStore;
import org.mxsuite.relay.PasswordHash;
import org.mxsuite.relay.RelayAccount;
import org.mxsuite.relay.RelayAccountName;
import org.mxsuite.relay.RelayAccountStore;
import org.mxsuite.relay.RelayCharge;
import org.mxsuite.relay.RelayQuota;
import org.mxsuite.relay.RelaySettings;
import org.mxsuite.relay.RelayUsageStore;
import org.mxsuite.relay.SpfLookupCount;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.testing.SilentDns;

class RelayAccountRoutesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");
    private static final RelayAccountName ACME = RelayAccountName.of("acme");
    private static final DomainName A = DomainName.of("a.example.net");
    private static final DomainName B = DomainName.of("b.example.net");
    /** Hashed once: each hash costs what it costs a guesser. */
    private static final PasswordHash SECRET = PasswordHash.of("long enough secret");

    private final MutableClock clock = new MutableClock(NOW);
    private final RelayAccountStore accounts = new MemoryRelayAccountStore();
    private final RelayUsageStore usage = new MemoryRelayUsageStore();
    private final RelaySettings settings = new RelaySettings(200, true, Optional.empty(), List.of(Cidr.parse("192.0.2.25")));

    private final TrafficCounters counters = new TrafficCounters(new MemoryCounterStore(), clock);

    @RegisterExtension
    final RoutesServer routes = RoutesServer.serving(() -> new RelayAccountRoutes(accounts, new RelayQuota(usage, clock), settings,
        // the SPF records asked here have no include to read: no DNS
        new SpfLookupCount(SilentDns.resolver(clock)), counters));

    @Test
    void anAccountIsCreatedThenUpdatedInPart() {
        routes.given().body("{\"password\":\"long enough secret\",\"domains\":[\"b.example.net\",\"A.example.net\"],\"dailyLimit\":350}")
            .put("/relay-accounts/acme").then().statusCode(201);
        RelayAccount created = accounts.get(ACME).orElseThrow();
        assertThat(created.domains()).containsExactly(A, B);
        assertThat(created.dailyLimit()).isEqualTo(350);
        assertThat(created.password().matches("long enough secret")).isTrue();

        routes.given().body("{\"dailyLimit\":20}").put("/relay-accounts/acme").then().statusCode(204);

        RelayAccount updated = accounts.get(ACME).orElseThrow();
        assertThat(updated.dailyLimit()).isEqualTo(20);
        assertThat(updated.domains()).containsExactly(A, B);
        assertThat(updated.password().encoded()).as("kept").isEqualTo(created.password().encoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"domains\":", "{\"dailyLimit\":200,\"quota\":1}", "{\"dailyLimit\":0}", "{\"dailyLimit\":1e12}",
        "{\"dailyLimit\":\"many\"}", "{\"domains\":[]}", "{\"domains\":[\"not a domain\"]}", "{\"password\":\"short\"}"})
    void invalidSettingsAreRefusedAndLeaveTheAccountAsItWas(String body) {
        RelayAccount before = new RelayAccount(ACME, SECRET, Set.of(A), 200);
        accounts.put(before);

        routes.given().body(body).put("/relay-accounts/acme").then().statusCode(400).body("type", equalTo("InvalidArgument"));

        assertThat(accounts.list()).containsExactly(before);
    }

    @Test
    void theHourlyLimitAndTheMaximumOfRecipientsAreSetShownAndRemoved() {
        accounts.put(new RelayAccount(ACME, SECRET, Set.of(A), 200));

        routes.given().body("{\"hourlyLimit\":50,\"maxRecipients\":20}").put("/relay-accounts/acme").then().statusCode(204);
        counters.take(List.of(new RelayCharge(A, 200, OptionalInt.of(50), OptionalInt.empty()).hourly(12).orElseThrow()));

        routes.given().get("/relay-accounts/acme").then().statusCode(200)
            .body("hourlyLimit", equalTo(50)).body("maxRecipients", equalTo(20))
            .body("usage.hourResetsAt", equalTo("2026-11-25T11:00:00Z"))
            .body("usage.domains.'a.example.net'.usedThisHour", equalTo(12))
            .body("usage.domains.'a.example.net'.remainingThisHour", equalTo(38));
        routes.given().post("/relay-accounts/acme/quota?action=reset").then().statusCode(200)
            .body("usage.domains.'a.example.net'.usedThisHour", equalTo(0));

        routes.given().body("{\"hourlyLimit\":null}").put("/relay-accounts/acme").then().statusCode(204);
        assertThat(accounts.get(ACME).orElseThrow().hourlyLimit()).isEmpty();
        assertThat(accounts.get(ACME).orElseThrow().maxRecipients()).isEqualTo(OptionalInt.of(20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"hourlyLimit\":0}", "{\"hourlyLimit\":-5}", "{\"hourlyLimit\":10000001}", "{\"hourlyLimit\":\"50\"}",
        "{\"maxRecipients\":0}", "{\"maxRecipients\":100001}", "{\"maxRecipients\":2.5}", "{\"hourlyLimit\":5,\"perMinute\":1}"})
    void badLimitsAreRefusedAndNothingChanges(String body) {
        RelayAccount before = new RelayAccount(ACME, SECRET, Set.of(A), 200, OptionalInt.of(10), OptionalInt.of(5));
        accounts.put(before);

        routes.given().body(body).put("/relay-accounts/acme").then().statusCode(400).body("type", equalTo("InvalidArgument"));

        assertThat(accounts.list()).containsExactly(before);
    }

    @Test
    void aNewAccountNeedsAPasswordAndDomains() {
        routes.given().body("{\"domains\":[\"a.example.net\"]}").put("/relay-accounts/acme").then().statusCode(400);
        routes.given().body("{\"password\":\"long enough secret\"}").put("/relay-accounts/acme").then().statusCode(400);

        assertThat(accounts.list()).isEmpty();
    }

    @Test
    void anAccountShowsTodaysUsagePerDomain() {
        accounts.put(new RelayAccount(ACME, SECRET, Set.of(A, B), 200));
        usage.reserve(A, TODAY, 150, 200);
        usage.reserve(A, TODAY.minusDays(1), 7, 200);

        routes.given().get("/relay-accounts/acme").then().statusCode(200)
            .body("usage.day", equalTo("2026-11-25")).body("usage.resetsAt", equalTo("2026-11-26T00:00:00Z"))
            .body("usage.domains.'a.example.net'.used", equalTo(150))
            .body("usage.domains.'a.example.net'.remaining", equalTo(50))
            .body("usage.domains.'b.example.net'.used", equalTo(0));
        routes.given().get("/relay-accounts").then().statusCode(200).body("$", hasSize(1)).body("[0].username", equalTo("acme"));
    }

    @Test
    void aQuotaResetIsForTheAccountsDomainsOnly() {
        accounts.put(new RelayAccount(ACME, SECRET, Set.of(A, B), 200));
        usage.reserve(A, TODAY, 150, 200);
        usage.reserve(B, TODAY, 10, 200);

        routes.given().post("/relay-accounts/acme/quota?action=reset&domain=other.example").then().statusCode(400);
        routes.given().post("/relay-accounts/acme/quota?action=empty").then().statusCode(400);
        routes.given().post("/relay-accounts/acme/quota?action=reset&domain=a.example.net").then().statusCode(200)
            .body("usage.domains.'a.example.net'.used", equalTo(0));

        assertThat(usage.used(A, TODAY)).isZero();
        assertThat(usage.used(B, TODAY)).isEqualTo(10);
    }

    @Test
    void anUnknownAccountIsNotFound() {
        routes.given().get("/relay-accounts/nobody").then().statusCode(404);
        routes.given().delete("/relay-accounts/nobody").then().statusCode(404);
        routes.given().post("/relay-accounts/nobody/quota?action=reset").then().statusCode(404);
    }

    @Test
    void deletingRevokes() {
        accounts.put(new RelayAccount(ACME, SECRET, Set.of(A), 200));

        routes.given().delete("/relay-accounts/acme").then().statusCode(204);

        assertThat(accounts.get(ACME)).isEmpty();
    }

    @Test
    void theSpfRecordNamesThisRelaysAddresses() {
        accounts.put(new RelayAccount(ACME, SECRET, Set.of(A), 200));

        routes.given().queryParam("current", "v=spf1 mx -all").get("/relay-accounts/acme/spf").then().statusCode(200)
            .body("record", equalTo("v=spf1 mx ip4:192.0.2.25 -all")).body("dnsLookups", equalTo(1));
    }
}
