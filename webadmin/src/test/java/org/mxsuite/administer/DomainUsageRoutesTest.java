package org.mxsuite.administer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mxsuite.administer.testing.JamesMailboxDomains;
import org.mxsuite.administer.testing.RoutesServer;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.domain.TrafficLimit;
import org.mxsuite.domain.TrafficLimits;
import org.mxsuite.hold.MemoryHoldQueue;
import org.mxsuite.verify.MemoryVerifiedRecipientStore;
import org.mxsuite.limit.MemoryCounterStore;
import org.mxsuite.limit.TrafficCounters;
import org.mxsuite.testing.MutableClock;

/** A hosted domain's traffic limits over REST: set with the domain's settings, their usage and reset times, resets. */
class DomainUsageRoutesTest {
    private static final DomainName EXAMPLE = DomainName.of("example.com");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T17:30:00Z"));
    private final MemoryHostedDomainStore domains = new MemoryHostedDomainStore();
    private final TrafficCounters counters = new TrafficCounters(new MemoryCounterStore(), clock);

    @RegisterExtension
    final RoutesServer usageRoutes = RoutesServer.serving(() -> new DomainUsageRoutes(domains, counters));
    @RegisterExtension
    final RoutesServer domainRoutes = RoutesServer.serving(() -> new HostedDomainRoutes(domains, new MemoryHoldQueue(),
        new JamesMailboxDomains().mailboxDomains(), new MemoryVerifiedRecipientStore()));

    private void limited() {
        domains.put(HostedDomain.of(EXAMPLE, ServiceKind.BACKUP).withLimits(TrafficLimits.NONE
            .with(TrafficLimit.MESSAGES_PER_DAY, OptionalLong.of(10_000))
            .with(TrafficLimit.BYTES_PER_MONTH, OptionalLong.of(10_000_000_000L))));
        counters.take(domains.get(EXAMPLE).orElseThrow().limits().charges(EXAMPLE, TrafficLimit.PER_MESSAGE, 5_000_000));
    }

    @Test
    void eachLimitSetShowsItsUseAndItsResetInUtc() {
        limited();

        usageRoutes.given().get("/hosted-domains/example.com/usage").then().statusCode(200)
            .body("domain", equalTo("example.com"))
            .body("usage", aMapWithSize(2))
            .body("usage.messagesPerDay.limit", equalTo(10_000))
            .body("usage.messagesPerDay.used", equalTo(1))
            .body("usage.messagesPerDay.remaining", equalTo(9_999))
            .body("usage.messagesPerDay.resetsAt", equalTo("2026-12-06T00:00:00Z"))
            .body("usage.bytesPerMonth.used", equalTo(5_000_000))
            .body("usage.bytesPerMonth.resetsAt", equalTo("2027-01-01T00:00:00Z"));
    }

    @Test
    void aResetStartsTheCurrentPeriodAgainForOneLimitOrAll() {
        limited();

        usageRoutes.given().post("/hosted-domains/example.com/usage?action=reset&limit=messagesPerDay").then().statusCode(200)
            .body("usage.messagesPerDay.used", equalTo(0)).body("usage.bytesPerMonth.used", equalTo(5_000_000));
        usageRoutes.given().post("/hosted-domains/example.com/usage?action=reset").then().statusCode(200)
            .body("usage.bytesPerMonth.used", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"action=empty", "action=reset&limit=messagesPerHour", "limit=messagesPerDay"})
    void badResetsAreRefusedAndCountNothingDown(String query) {
        limited();

        usageRoutes.given().post("/hosted-domains/example.com/usage?" + query).then().statusCode(400);

        assertThat(counters.check(domains.get(EXAMPLE).orElseThrow().limits().charges(EXAMPLE, TrafficLimit.PER_MESSAGE, 9_999_999_999L)))
            .as("5 MB of 10 GB used: the month's count is still there").isPresent();
    }

    @Test
    void limitsAreSetWithTheDomainsSettingsOnAnyService() {
        domainRoutes.given().body("{\"service\":\"mailbox\",\"messagesPerDay\":10000,\"bytesPerDay\":\"1000MB\",\"bytesPerMonth\":\"10GB\","
            + "\"transactionsPerDay\":100000}").put("/hosted-domains/example.com").then().statusCode(204);

        domainRoutes.given().get("/hosted-domains/example.com").then().statusCode(200)
            .body("messagesPerDay", equalTo(10_000)).body("bytesPerDay", equalTo(1_000_000_000))
            .body("transactionsPerDay", equalTo(100_000));
        usageRoutes.given().get("/hosted-domains/example.com/usage").then().statusCode(200).body("usage", aMapWithSize(4))
            .body("usage.transactionsPerDay.used", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"messagesPerDay\":-1", "\"messagesPerDay\":0", "\"messagesPerDay\":1000000000000",
        "\"bytesPerDay\":\"999999TB\"", "\"bytesPerMonth\":\"lots\"", "\"transactionsPerDay\":1.5", "\"messagesPerMonth\":10"})
    void badLimitsAreRefusedWith400AndNothingChanges(String field) {
        limited();
        HostedDomain before = domains.get(EXAMPLE).orElseThrow();

        domainRoutes.given().body("{\"service\":\"backup\"," + field + "}").put("/hosted-domains/example.com").then().statusCode(400)
            .body("message", org.hamcrest.Matchers.containsString(field.substring(1, field.indexOf('"', 1))));

        assertThat(domains.get(EXAMPLE)).contains(before);
    }

    @Test
    void anUnknownDomainIsNotFoundAndABadNameIsRefused() {
        usageRoutes.given().get("/hosted-domains/nowhere.example/usage").then().statusCode(404);
        usageRoutes.given().get("/hosted-domains/not_a..domain/usage").then().statusCode(400);
    }
}
