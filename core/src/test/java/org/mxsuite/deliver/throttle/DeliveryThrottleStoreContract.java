package org.mxsuite.deliver.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;

/** What every {@link DeliveryThrottleStore} does, whatever keeps the data. */
public interface DeliveryThrottleStoreContract {
    DomainName A = DomainName.of("a.example.net");
    DomainName B = DomainName.of("b.example.net");
    Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    Instant LEASE_END = NOW.plus(Duration.ofMinutes(2));

    DeliveryThrottleStore store();

    /** The store as another node sharing the same data sees it (the same store where there is one node only). */
    default DeliveryThrottleStore otherNode() {
        return store();
    }

    @Test
    default void slotsAreTakenUpToTheLimitAndPerDomain() {
        assertThat(store().takeConnection(A, 2, "one", NOW, LEASE_END)).hasValue(0);
        assertThat(otherNode().takeConnection(A, 2, "two", NOW, LEASE_END)).hasValue(1);
        assertThat(store().takeConnection(A, 2, "three", NOW, LEASE_END)).isEmpty();

        assertThat(store().takeConnection(B, 2, "four", NOW, LEASE_END)).hasValue(0);
        assertThat(store().takeConnection(A, 3, "five", NOW, LEASE_END)).as("a higher limit").hasValue(2);
    }

    @Test
    default void aReleasedSlotIsFreeAndOnlyItsHolderReleasesIt() {
        int slot = store().takeConnection(A, 1, "one", NOW, LEASE_END).getAsInt();

        store().releaseConnection(A, slot, "somebody else");
        assertThat(store().takeConnection(A, 1, "two", NOW, LEASE_END)).isEmpty();

        otherNode().releaseConnection(A, slot, "one");
        assertThat(store().takeConnection(A, 1, "two", NOW, LEASE_END)).hasValue(slot);
    }

    @Test
    default void aSlotWhoseLeaseRanOutIsTakenAndItsFormerHolderCannotRenewIt() {
        int slot = store().takeConnection(A, 1, "dead node", NOW, LEASE_END).getAsInt();

        assertThat(store().takeConnection(A, 1, "live node", LEASE_END.minusMillis(1), LEASE_END.plusSeconds(120))).isEmpty();
        assertThat(otherNode().takeConnection(A, 1, "live node", LEASE_END, LEASE_END.plusSeconds(120))).hasValue(slot);

        assertThat(store().renewConnection(A, slot, "dead node", LEASE_END.plusSeconds(300))).isFalse();
        assertThat(store().renewConnection(A, slot, "live node", LEASE_END.plusSeconds(300))).isTrue();
        assertThat(store().takeConnection(A, 1, "third", LEASE_END.plusSeconds(200), LEASE_END.plusSeconds(400)))
            .as("renewed: still held").isEmpty();
    }

    @Test
    default void sendTimesAreSpacedFromTheFirstAndStartAfreshAfterAPause() {
        Duration spacing = Duration.ofMillis(250);

        assertThat(store().reserveSend(A, spacing, NOW)).isEqualTo(NOW);
        assertThat(otherNode().reserveSend(A, spacing, NOW)).isEqualTo(NOW.plusMillis(250));
        assertThat(store().reserveSend(A, spacing, NOW.plusMillis(100))).isEqualTo(NOW.plusMillis(500));
        assertThat(store().reserveSend(B, spacing, NOW)).as("per domain").isEqualTo(NOW);

        Instant later = NOW.plusSeconds(60);
        assertThat(store().reserveSend(A, spacing, later)).as("no credit for the time nothing was sent").isEqualTo(later);
        assertThat(store().reserveSend(A, spacing, later)).isEqualTo(later.plusMillis(250));
    }

    @Test
    default void concurrentTakersNeverGetMoreSlotsThanTheLimitNorOneSendTimeTwice() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<OptionalInt>> takers = new ArrayList<>();
            List<Callable<Instant>> senders = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                DeliveryThrottleStore node = i % 2 == 0 ? store() : otherNode();
                String holder = "holder-" + i;
                takers.add(() -> node.takeConnection(A, 3, holder, NOW, LEASE_END));
                senders.add(() -> node.reserveSend(A, Duration.ofMillis(10), NOW));
            }
            long taken = 0;
            for (Future<OptionalInt> result : threads.invokeAll(takers)) {
                taken += result.get().isPresent() ? 1 : 0;
            }
            List<Instant> times = new ArrayList<>();
            for (Future<Instant> result : threads.invokeAll(senders)) {
                times.add(result.get());
            }

            assertThat(taken).isEqualTo(3);
            assertThat(times).doesNotHaveDuplicates().hasSize(16);
            assertThat(times.stream().max(Instant::compareTo).orElseThrow()).isEqualTo(NOW.plusMillis(150));
        } finally {
            threads.shutdownNow();
        }
    }
}
