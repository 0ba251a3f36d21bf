package org.mxsuite.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.state.H2StateStoreExtension;


class GreylistTest {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private MutableClock clock;
    private CountingStore store;
    private Greylist greylist;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        store = new CountingStore(new JdbcGreylistStore(h2.stateStore()));
        greylist = new Greylist(store, GreylistSettings.defaults(), clock);
    }

    @Test
    void aNewTripletWaitsTheDelayThenPasses() throws Exception {
        GreylistDecision first = decide("192.0.2.1", "alice@sender.example", "bob@hosted.example");
        assertThat(first.kind()).isEqualTo(GreylistDecision.Kind.NEW);
        assertThat(first.retryAfter()).isEqualTo(Duration.ofMinutes(5));

        clock.advance(Duration.ofMinutes(2));
        GreylistDecision early = decide("192.0.2.1", "alice@sender.example", "bob@hosted.example");
        assertThat(early.kind()).isEqualTo(GreylistDecision.Kind.TOO_EARLY);
        assertThat(early.retryAfter()).isEqualTo(Duration.ofMinutes(3));

        clock.advance(Duration.ofMinutes(3));
        assertThat(decide("192.0.2.77", "alice+x@sender.example", "bob@hosted.example").kind())
            .as("same network, same sender once normalised").isEqualTo(GreylistDecision.Kind.RETRIED);
        assertThat(decide("192.0.2.1", "alice@sender.example", "bob@hosted.example").kind()).isEqualTo(GreylistDecision.Kind.KNOWN);
    }

    @Test
    void aKnownTripletIsDecidedWithoutTheDatabase() throws Exception {
        decide("192.0.2.1", "alice@sender.example", "bob@hosted.example");
        clock.advance(Duration.ofMinutes(6));
        decide("192.0.2.1", "alice@sender.example", "bob@hosted.example");
        int calls = store.calls.get();

        for (int i = 0; i < 100; i++) {
            assertThat(decide("192.0.2.1", "alice@sender.example", "bob@hosted.example").passes()).isTrue();
        }
        assertThat(store.calls.get()).isEqualTo(calls);
    }

    @Test
    void aRetryAfterTheWindowStartsOver() throws Exception {
        decide("192.0.2.1", "alice@sender.example", "bob@hosted.example");
        clock.advance(Duration.ofDays(3));
        assertThat(decide("192.0.2.1", "alice@sender.example", "bob@hosted.example").kind()).isEqualTo(GreylistDecision.Kind.NEW);
    }

    @Test
    void aPassedTripletUnusedForItsLifetimeStartsOver() throws Exception {
        decide("192.0.2.1", "alice@sender.example", "bob@hosted.example");
        clock.advance(Duration.ofMinutes(6));
        decide("192.0.2.1", "alice@sender.example", "bob@hosted.example");
        clock.advance(Duration.ofDays(36));
        assertThat(decide("192.0.2.1", "alice@sender.example", "bob@hosted.example").kind()).isEqualTo(GreylistDecision.Kind.NEW);
    }

    @Test
    void aNetworkThatPassedFiveTimesIsAutoAllowedForEverySender() throws Exception {
        for (int i = 1; i <= 5; i++) {
            decide("198.51.100.1", "s" + i + "@sender.example", "bob@hosted.example");
        }
        clock.advance(Duration.ofMinutes(6));
        for (int i = 1; i <= 5; i++) {
            assertThat(decide("198.51.100.1", "s" + i + "@sender.example", "bob@hosted.example").kind()).isEqualTo(GreylistDecision.Kind.RETRIED);
        }
        assertThat(decide("198.51.100.9", "new@elsewhere.example", "carol@hosted.example").kind())
            .isEqualTo(GreylistDecision.Kind.AUTO_ALLOWED);
        assertThat(decide("203.0.113.1", "new@elsewhere.example", "carol@hosted.example").kind()).isEqualTo(GreylistDecision.Kind.NEW);
        assertThat(greylist.counts().autoAllowedNetworks()).isEqualTo(1);
    }

    @Test
    void allowListsOfTheConfigurationAndOfTheStoreSkipGreylisting() throws Exception {
        Greylist configured = new Greylist(store, new GreylistSettings(Duration.ofMinutes(5), Duration.ofDays(2), Duration.ofDays(35), 5, 24, 64,
            Duration.ofHours(1), Map.of(AllowList.CLIENT_NAMES, Set.of("mail.trusted.example"))), clock);

        assertThat(configured.decide(InetAddress.getByName("192.0.2.1"), () -> Optional.of("out1.mail.trusted.example."),
            MaybeSender.of(new MailAddress("a@x.example")), new MailAddress("b@hosted.example")).kind()).isEqualTo(GreylistDecision.Kind.ALLOW_LISTED);
        assertThat(configured.decide(InetAddress.getByName("192.0.2.1"), () -> Optional.of("mail.trusted.example.evil.example"),
            MaybeSender.of(new MailAddress("a@x.example")), new MailAddress("b@hosted.example")).kind()).isEqualTo(GreylistDecision.Kind.NEW);

        configured.allow(AllowList.SENDER_DOMAINS, "partner.example");
        configured.allow(AllowList.RECIPIENTS, "Postmaster@Hosted.Example");
        configured.allow(AllowList.CLIENTS, "203.0.113.0/25");
        assertThat(configured.decide(InetAddress.getByName("192.0.2.1"), Optional::empty,
            MaybeSender.of(new MailAddress("a@eu.partner.example")), new MailAddress("b@hosted.example")).passes()).isTrue();
        assertThat(configured.decide(InetAddress.getByName("192.0.2.1"), Optional::empty,
            MaybeSender.of(new MailAddress("a@x.example")), new MailAddress("postmaster@hosted.example")).passes()).isTrue();
        assertThat(configured.decide(InetAddress.getByName("203.0.113.100"), Optional::empty,
            MaybeSender.of(new MailAddress("a@x.example")), new MailAddress("c@hosted.example")).passes()).isTrue();
        assertThat(configured.decide(InetAddress.getByName("203.0.113.200"), Optional::empty,
            MaybeSender.of(new MailAddress("a@x.example")), new MailAddress("c@hosted.example")).passes()).isFalse();
    }

    @Test
    void theNullSenderIsGreylistedToo() throws Exception {
        assertThat(greylist.decide(InetAddress.getByName("192.0.2.1"), Optional::empty, MaybeSender.nullSender(),
            new MailAddress("bob@hosted.example")).kind()).isEqualTo(GreylistDecision.Kind.NEW);
    }

    @Test
    void purgeForgetsExpiredTriplets() throws Exception {
        decide("192.0.2.1", "alice@sender.example", "bob@hosted.example");
        clock.advance(Duration.ofDays(3));
        assertThat(greylist.purge()).isEqualTo(1);
        assertThat(greylist.counts().triplets()).isZero();
    }

    private GreylistDecision decide(String client, String sender, String recipient) throws Exception {
        return greylist.decide(InetAddress.getByName(client), Optional::empty, MaybeSender.of(new MailAddress(sender)),
            new MailAddress(recipient));
    }

    /** The real store, counting the calls that reach it. */
    private static final class CountingStore implements GreylistStore {
        final GreylistStore store;
        final AtomicInteger calls = new AtomicInteger();

        CountingStore(GreylistStore store) {
            this.store = store;
        }

        private <T> T count(T value) {
            calls.incrementAndGet();
            return value;
        }

        @Override public Optional<TripletState> find(Triplet triplet) { return count(store.find(triplet)); }
        @Override public TripletState firstSight(Triplet triplet, Instant now) { return count(store.firstSight(triplet, now)); }
        @Override public void restart(Triplet triplet, Instant now) { count(null); store.restart(triplet, now); }
        @Override public void pass(Triplet triplet, Instant now) { count(null); store.pass(triplet, now); }
        @Override public void touch(Triplet triplet, Instant now) { count(null); store.touch(triplet, now); }
        @Override public void touchNetwork(org.mxsuite.domain.Cidr network, Instant now) { count(null); store.touchNetwork(network, now); }
        @Override public Optional<NetworkPasses> network(org.mxsuite.domain.Cidr network) { return count(store.network(network)); }
        @Override public int purge(Instant unpassedBefore, Instant unusedBefore) { return count(store.purge(unpassedBefore, unusedBefore)); }
        @Override public GreylistCounts counts(int autoAllowAfter, Instant usedSince) { return count(store.counts(autoAllowAfter, usedSince)); }
        @Override public Set<String> allowed(AllowList list) { return count(store.allowed(list)); }
        @Override public boolean allow(AllowList list, String entry) { return count(store.allow(list, entry)); }
        @Override public boolean disallow(AllowList list, String entry) { return count(store.disallow(list, entry)); }
    }
}
