package org.mxsuite.deliver.tls.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.deliver.tls.TlsPolicyUnavailable;
import org.mxsuite.deliver.tls.TlsRequirement;
import org.mxsuite.deliver.tls.TrustAnchors;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.TestDnsServer;
import org.mxsuite.state.StateStoreException;
import org.mxsuite.testing.MutableClock;

/** The decisions of {@link MtaStsSource}, with a real DNS server on loopback and a policy host that a test controls. */
class MtaStsSourceTest {
    private static final String DOMAIN = "example.com";
    private static final String TXT = "_mta-sts." + DOMAIN;
    private static final String ENFORCE = "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: *.mx.example.com\nmax_age: 86400\n";
    private static final Duration TXT_CACHE = Duration.ofMinutes(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final MtaStsPolicyStore store = new MemoryMtaStsPolicyStore();
    private final AtomicReference<String> served = new AtomicReference<>(ENFORCE);
    private final AtomicInteger fetches = new AtomicInteger();
    private final List<String> reports = new ArrayList<>();
    private TestDnsServer dns;
    private MtaStsSource source;

    @BeforeEach
    void setUp() throws Exception {
        dns = TestDnsServer.start();
        dns.txt(TXT, "v=STSv1; id=first");
        DnsResolver resolver = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofSeconds(1),
            Duration.ofHours(1), clock);
        source = sourceWith(resolver, store);
    }

    private MtaStsSource sourceWith(DnsResolver resolver, MtaStsPolicyStore policies) {
        PolicyFetcher fetcher = domain -> {
            fetches.incrementAndGet();
            String text = served.get();
            if (text == null) {
                throw new PolicyFetchFailed("connection refused");
            }
            return text;
        };
        return new MtaStsSource(resolver, fetcher, policies, TrustAnchors.jvmDefault(Optional.empty()),
            new MtaStsMetrics(metrics), clock, TXT_CACHE);
    }

    @AfterEach
    void tearDown() {
        dns.close();
    }

    @Test
    void aDomainWithoutTheTxtRecordHasNoPolicy() throws Exception {
        assertThat(source.requirementFor("other.example", "mx.other.example")).isEmpty();
        assertThat(fetches).hasValue(0);
    }

    @Test
    void enforceAuthenticatesAListedMxHostByItsName() throws Exception {
        TlsRequirement requirement = source.requirementFor(DOMAIN, "a.mx.example.com").orElseThrow();

        assertThat(requirement.level()).isEqualTo(TlsRequirement.Level.AUTHENTICATED);
        assertThat(requirement.source()).isEqualTo("MTA-STS policy of example.com (enforce)");
        assertThat(requirement.serverName()).hasValue("a.mx.example.com");
        assertThat(requirement.check().orElseThrow().describe()).startsWith("certificate valid for a.mx.example.com");
        assertThat(requirement.allowsPlainText()).isFalse();
    }

    @Test
    void enforceRefusesAnMxHostNotListed() throws Exception {
        TlsRequirement requirement = source.requirementFor(DOMAIN, "mx2.example.com").orElseThrow();

        assertThat(requirement.level()).isEqualTo(TlsRequirement.Level.REFUSED);
        assertThat(requirement.refusal()).hasValue("MX host mx2.example.com is not listed in the MTA-STS policy of example.com"
            + " (mx: mx1.example.com *.mx.example.com)");
    }

    @Test
    void testingDeliversAnywayAndReportsWhatEnforceWouldRefuse() throws Exception {
        served.set(ENFORCE.replace("enforce", "testing"));

        TlsRequirement requirement = source.requirementFor(DOMAIN, "mx2.example.com").orElseThrow();

        assertThat(requirement.allowsPlainText()).isTrue();
        assertThat(requirement.source()).isEqualTo("MTA-STS policy of example.com (testing)");
        assertThat(metrics.countFor("mxsuite_mta_sts_testing_failures")).as("the unlisted host").isEqualTo(1);
        requirement.reportOnlyTo().orElseThrow().accept("certificate not trusted");
        assertThat(metrics.countFor("mxsuite_mta_sts_testing_failures")).as("and a failed check").isEqualTo(2);
        assertThat(requirement.check()).isPresent();
    }

    @Test
    void modeNoneIsNoPolicy() throws Exception {
        served.set("version: STSv1\nmode: none\nmax_age: 86400\n");

        assertThat(source.requirementFor(DOMAIN, "mx1.example.com")).isEmpty();
    }

    @Test
    void manyDeliveriesMakeOneTxtLookupPerCacheTimeAndOneFetch() throws Exception {
        for (int i = 0; i < 1000; i++) {
            source.requirementFor(DOMAIN, "mx1.example.com");
        }
        clock.advance(TXT_CACHE);
        for (int i = 0; i < 1000; i++) {
            source.requirementFor(DOMAIN, "mx1.example.com");
        }

        assertThat(metrics.countFor("mxsuite_mta_sts_txt_lookups")).isEqualTo(2);
        assertThat(metrics.countFor("mxsuite_mta_sts_policy_fetches")).isEqualTo(1);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aNewTxtIdFetchesThePolicyAgain() throws Exception {
        source.requirementFor(DOMAIN, "mx1.example.com");
        served.set(ENFORCE.replace("mx: mx1.example.com\n", "mx: mx9.example.com\n"));
        dns.remove(TXT).txt(TXT, "v=STSv1; id=second");
        clock.advance(Duration.ofMinutes(2));

        assertThat(source.requirementFor(DOMAIN, "mx9.example.com").orElseThrow().level()).isEqualTo(TlsRequirement.Level.AUTHENTICATED);
        assertThat(fetches).hasValue(2);
        assertThat(store.find(DOMAIN).orElseThrow().id()).isEqualTo("second");
    }

    @Test
    void aStoredEnforcePolicyStaysInForceWhileThePolicyHostIsDownOrTheTxtRecordGone() throws Exception {
        source.requirementFor(DOMAIN, "mx1.example.com");
        served.set(null);
        dns.remove(TXT).txt(TXT, "v=STSv1; id=second");
        clock.advance(Duration.ofMinutes(2));

        assertThat(source.requirementFor(DOMAIN, "mx2.example.com").orElseThrow().level()).as("host down")
            .isEqualTo(TlsRequirement.Level.REFUSED);

        dns.remove(TXT).servfail(TXT);
        clock.advance(Duration.ofMinutes(2));
        assertThat(source.requirementFor(DOMAIN, "mx2.example.com").orElseThrow().level()).as("DNS failing")
            .isEqualTo(TlsRequirement.Level.REFUSED);
    }

    @Test
    void anotherNodeUsesTheStoredPolicyWithoutFetchingIt() throws Exception {
        source.requirementFor(DOMAIN, "mx1.example.com");
        served.set(null);
        MtaStsSource otherNode = sourceWith(new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())),
            Duration.ofSeconds(1), Duration.ofHours(1), clock), store);

        assertThat(otherNode.requirementFor(DOMAIN, "mx2.example.com").orElseThrow().level()).isEqualTo(TlsRequirement.Level.REFUSED);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aPolicyPastItsMaxAgeIsFetchedAgainAndWithoutItThereIsNone() throws Exception {
        source.requirementFor(DOMAIN, "mx1.example.com");
        served.set(null);
        clock.advance(Duration.ofDays(1));

        assertThat(source.requirementFor(DOMAIN, "mx2.example.com")).isEmpty();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aFailedFetchWithoutAStoredPolicyIsNoPolicy() throws Exception {
        served.set(null);

        assertThat(source.requirementFor(DOMAIN, "mx2.example.com")).isEmpty();
    }

    @Test
    void anInvalidPolicyIsNoPolicyButAStoredValidOneStays() throws Exception {
        served.set("<html>hello</html>");
        assertThat(source.requirementFor(DOMAIN, "mx2.example.com")).isEmpty();

        served.set(ENFORCE);
        clock.advance(Duration.ofMinutes(2));
        source.requirementFor(DOMAIN, "mx1.example.com");
        served.set("version: STSv1\nmode: enforce\n");
        dns.remove(TXT).txt(TXT, "v=STSv1; id=third");
        clock.advance(Duration.ofMinutes(2));
        assertThat(source.requirementFor(DOMAIN, "mx2.example.com").orElseThrow().level()).isEqualTo(TlsRequirement.Level.REFUSED);
    }

    @Test
    void aStateStoreThatDoesNotAnswerHoldsTheMail() {
        MtaStsPolicyStore failing = new MtaStsPolicyStore() {
            @Override
            public Optional<StoredPolicy> find(String domain) {
                throw new StateStoreException("cannot read", new java.sql.SQLException("connection refused"));
            }

            @Override
            public void save(String domain, StoredPolicy policy) {
                throw new StateStoreException("cannot save", new java.sql.SQLException("connection refused"));
            }
        };
        MtaStsSource withoutStore = sourceWith(new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())),
            Duration.ofSeconds(1), Duration.ofHours(1), clock), failing);

        assertThatThrownBy(() -> withoutStore.requirementFor(DOMAIN, "mx1.example.com")).isInstanceOf(TlsPolicyUnavailable.class)
            .hasMessageContaining("the MTA-STS policy of example.com cannot be read")
            .satisfies(e -> assertThat(((TlsPolicyUnavailable) e).enhancedCode()).isEqualTo("4.3.0"));
    }

    @Test
    void twoStsRecordsAreNoPolicy() throws Exception {
        dns.txt(TXT, "v=STSv1; id=other");

        assertThat(source.requirementFor(DOMAIN, "mx2.example.com")).isEmpty();
        assertThat(fetches).hasValue(0);
    }
}
