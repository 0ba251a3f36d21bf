package org.mxsuite.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;

/** What every {@link RelayUsageStore} does, whatever keeps the data. */
public interface RelayUsageStoreContract {
    DomainName A = DomainName.of("a.example.net");
    DomainName B = DomainName.of("b.example.net");
    LocalDate TODAY = LocalDate.parse("2026-11-25");

    RelayUsageStore store();

    /** The store as another node sharing the same data sees it (the same store where there is one node only). */
    default RelayUsageStore otherNode() {
        return store();
    }

    @Test
    default void reservationsAddUpToTheLimitAndNotBeyond() {
        assertThat(store().reserve(A, TODAY, 150, 200).accepted()).isTrue();
        assertThat(store().reserve(A, TODAY, 50, 200).used()).isEqualTo(200);

        RelayUsageStore.Reservation refused = store().reserve(A, TODAY, 1, 200);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.used()).isEqualTo(200);
        assertThat(store().used(A, TODAY)).isEqualTo(200);
    }

    @Test
    default void aRefusedReservationCountsNothing() {
        store().reserve(A, TODAY, 190, 200);

        assertThat(store().reserve(A, TODAY, 12, 200).accepted()).isFalse();
        assertThat(store().reserve(A, TODAY, 10, 200).accepted()).isTrue();
        assertThat(store().used(A, TODAY)).isEqualTo(200);
    }

    @Test
    default void theFirstReservationOfADayMayNotExceedTheLimitEither() {
        assertThat(store().reserve(A, TODAY, 201, 200).accepted()).isFalse();
        assertThat(store().used(A, TODAY)).isZero();
    }

    @Test
    default void countsArePerDomainAndPerDay() {
        store().reserve(A, TODAY, 200, 200);

        assertThat(store().reserve(B, TODAY, 200, 200).accepted()).isTrue();
        assertThat(store().reserve(A, TODAY.plusDays(1), 1, 200).accepted()).isTrue();
        assertThat(store().used(A, TODAY.plusDays(1))).isEqualTo(1);
        assertThat(store().used(B, TODAY.minusDays(1))).isZero();
    }

    @Test
    default void resetForgetsTheDaysCount() {
        store().reserve(A, TODAY, 200, 200);
        store().reserve(B, TODAY, 5, 200);

        store().reset(A, TODAY);

        assertThat(store().used(A, TODAY)).isZero();
        assertThat(store().used(B, TODAY)).isEqualTo(5);
        assertThat(store().reserve(A, TODAY, 200, 200).accepted()).isTrue();
    }

    @Test
    default void purgeDropsOlderDays() {
        store().reserve(A, TODAY.minusDays(2), 7, 200);
        store().reserve(A, TODAY, 3, 200);

        store().purgeBefore(TODAY);

        assertThat(store().used(A, TODAY.minusDays(2))).isZero();
        assertThat(store().used(A, TODAY)).isEqualTo(3);
    }

    @Test
    default void usedByDayGivesTheDaysOfTheRangeWithRelays() {
        store().reserve(A, TODAY.minusDays(31), 9, 200);
        store().reserve(A, TODAY.minusDays(30), 4, 200);
        store().reserve(A, TODAY.minusDays(2), 7, 200);
        store().reserve(A, TODAY, 3, 200);
        otherNode().reserve(A, TODAY, 2, 200);
        store().reserve(B, TODAY.minusDays(1), 5, 200);

        assertThat(store().usedByDay(A, TODAY.minusDays(30), TODAY))
            .containsExactly(entry(TODAY.minusDays(30), 4), entry(TODAY.minusDays(2), 7), entry(TODAY, 5));
        assertThat(store().usedByDay(B, TODAY, TODAY)).isEmpty();
    }

    @Test
    default void concurrentReservationsFromSeveralNodesNeverExceedTheLimit() throws Exception {
        int limit = 97;
        List<RelayUsageStore> nodes = List.of(store(), otherNode());
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> clients = new ArrayList<>();
            for (int client = 0; client < 16; client++) {
                RelayUsageStore node = nodes.get(client % nodes.size());
                int relays = 1 + client % 3;
                clients.add(() -> {
                    int accepted = 0;
                    for (int attempt = 0; attempt < 20; attempt++) {
                        if (node.reserve(A, TODAY, relays, limit).accepted()) {
                            accepted += relays;
                        }
                    }
                    return accepted;
                });
            }
            int total = 0;
            for (Future<Integer> result : threads.invokeAll(clients)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(store().used(A, TODAY));
            // 16 clients asked for 640 relays: the count stops at the limit, or just below it when only larger asks remain
            assertThat(total).isBetween(limit - 2, limit);
        } finally {
            threads.shutdownNow();
        }
    }
}
