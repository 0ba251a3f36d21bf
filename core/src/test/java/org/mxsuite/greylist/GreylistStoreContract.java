package org.mxsuite.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.Cidr;

/** What every {@link GreylistStore} does, on every backend. */
public interface GreylistStoreContract {
    Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    Triplet TRIPLET = new Triplet(Cidr.parse("192.0.2.0/24"), "alice@sender.example", "bob@hosted.example");
    Triplet OTHER = new Triplet(Cidr.parse("192.0.2.0/24"), "carol@sender.example", "bob@hosted.example");

    GreylistStore store();

    @Test
    default void aFirstSightIsRecordedOnce() {
        assertThat(store().find(TRIPLET)).isEmpty();

        assertThat(store().firstSight(TRIPLET, T0)).isEqualTo(new TripletState(T0, Optional.empty(), T0));
        assertThat(store().firstSight(TRIPLET, T0.plusSeconds(60))).as("the first one stays")
            .isEqualTo(new TripletState(T0, Optional.empty(), T0));
        assertThat(store().find(TRIPLET)).contains(new TripletState(T0, Optional.empty(), T0));
    }

    @Test
    default void aPassCountsForItsNetworkOnce() {
        store().firstSight(TRIPLET, T0);
        store().firstSight(OTHER, T0);
        Instant later = T0.plusSeconds(600);

        store().pass(TRIPLET, later);
        store().pass(TRIPLET, later.plusSeconds(1));
        store().pass(OTHER, later);

        assertThat(store().find(TRIPLET)).contains(new TripletState(T0, Optional.of(later), later));
        assertThat(store().network(TRIPLET.network())).hasValueSatisfying(network -> {
            assertThat(network.passes()).isEqualTo(2);
            assertThat(network.lastUsed()).isEqualTo(later);
        });
        assertThat(store().network(Cidr.parse("198.51.100.0/24"))).isEmpty();
    }

    @Test
    default void concurrentRetriesOfOneTripletPassItOnce() throws Exception {
        store().firstSight(TRIPLET, T0);
        Instant later = T0.plusSeconds(600);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> retries = new ArrayList<>();
            for (int node = 0; node < 8; node++) {
                retries.add(() -> {
                    store().pass(TRIPLET, later);
                    return null;
                });
            }
            for (Future<Void> retry : threads.invokeAll(retries)) {
                retry.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(store().network(TRIPLET.network()).orElseThrow().passes()).isEqualTo(1);
    }

    @Test
    default void touchAndRestart() {
        store().firstSight(TRIPLET, T0);
        store().pass(TRIPLET, T0.plusSeconds(600));
        Instant used = T0.plus(Duration.ofDays(3));

        store().touch(TRIPLET, used);
        assertThat(store().find(TRIPLET).orElseThrow().lastSeen()).isEqualTo(used);
        assertThat(store().network(TRIPLET.network()).orElseThrow().lastUsed()).isEqualTo(used);

        store().restart(TRIPLET, used.plusSeconds(1));
        assertThat(store().find(TRIPLET)).contains(new TripletState(used.plusSeconds(1), Optional.empty(), used.plusSeconds(1)));
    }

    @Test
    default void purgeForgetsStaleTripletsAndNetworksOnly() {
        store().firstSight(TRIPLET, T0);
        store().firstSight(OTHER, T0);
        store().pass(OTHER, T0.plusSeconds(600));
        Triplet fresh = new Triplet(Cidr.parse("203.0.113.0/24"), "dave@sender.example", "bob@hosted.example");
        store().firstSight(fresh, T0.plus(Duration.ofDays(3)));

        int purged = store().purge(T0.plus(Duration.ofDays(1)), T0.minus(Duration.ofDays(1)));

        assertThat(purged).isEqualTo(1);
        assertThat(store().find(TRIPLET)).as("never passed, first seen too long ago").isEmpty();
        assertThat(store().find(OTHER)).as("passed, used recently").isPresent();
        assertThat(store().find(fresh)).isPresent();

        store().purge(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(10)));
        assertThat(store().find(OTHER)).isEmpty();
        assertThat(store().network(OTHER.network())).isEmpty();
    }

    @Test
    default void countsTellTripletsPassesAndAutoAllowedNetworks() {
        store().firstSight(TRIPLET, T0);
        store().firstSight(OTHER, T0);
        store().pass(OTHER, T0.plusSeconds(600));

        GreylistCounts counts = store().counts(1, T0);
        assertThat(counts.triplets()).isEqualTo(2);
        assertThat(counts.passed()).isEqualTo(1);
        assertThat(counts.awaitingRetry()).isEqualTo(1);
        assertThat(counts.autoAllowedNetworks()).isEqualTo(1);
        assertThat(store().counts(2, T0).autoAllowedNetworks()).isZero();
    }

    @Test
    default void allowListsAreSetsPerList() {
        assertThat(store().allow(AllowList.CLIENTS, "192.0.2.0/24")).isTrue();
        assertThat(store().allow(AllowList.CLIENTS, "192.0.2.0/24")).isFalse();
        store().allow(AllowList.SENDER_DOMAINS, "example.org");

        assertThat(store().allowed(AllowList.CLIENTS)).containsExactly("192.0.2.0/24");
        assertThat(store().allowed(AllowList.RECIPIENTS)).isEmpty();
        assertThat(store().disallow(AllowList.CLIENTS, "192.0.2.0/24")).isTrue();
        assertThat(store().disallow(AllowList.CLIENTS, "192.0.2.0/24")).isFalse();
        assertThat(store().allowed(AllowList.SENDER_DOMAINS)).containsExactly("example.org");
    }
}
