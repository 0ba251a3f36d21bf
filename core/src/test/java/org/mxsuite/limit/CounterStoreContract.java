package org.mxsuite.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** What every {@link CounterStore} does, whatever keeps the data. */
public interface CounterStoreContract {
    String A = "domain/a.example.net/messages/DAY";
    String B = "domain/b.example.net/messages/DAY";
    Instant TODAY = Instant.parse("2026-12-05T00:00:00Z");
    Instant TOMORROW = Instant.parse("2026-12-06T00:00:00Z");

    CounterStore store();

    /** The store as another node sharing the same data sees it (the same store where there is one node only). */
    default CounterStore otherNode() {
        return store();
    }

    @Test
    default void reservationsAddUpToTheLimitAndNotBeyond() {
        assertThat(store().reserve(A, TODAY, TOMORROW, 150, 200).accepted()).isTrue();
        assertThat(store().reserve(A, TODAY, TOMORROW, 50, 200).used()).isEqualTo(200);

        CounterStore.Reservation refused = store().reserve(A, TODAY, TOMORROW, 1, 200);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.used()).isEqualTo(200);
        assertThat(store().used(A, TODAY)).isEqualTo(200);
    }

    @Test
    default void countsBeyondTheRangeOfAnIntAreKept() {
        long month = 10L << 30; // 10 GiB of bytes in a month
        assertThat(store().reserve(A, TODAY, TOMORROW, month - 1, month).accepted()).isTrue();
        assertThat(store().reserve(A, TODAY, TOMORROW, 1, month).used()).isEqualTo(month);
        assertThat(store().reserve(A, TODAY, TOMORROW, 1, month).accepted()).isFalse();
    }

    @Test
    default void theFirstReservationOfAPeriodMayNotExceedTheLimitEither() {
        assertThat(store().reserve(A, TODAY, TOMORROW, 201, 200).accepted()).isFalse();
        assertThat(store().used(A, TODAY)).isZero();
    }

    @Test
    default void countsArePerCounterAndPerPeriod() {
        store().reserve(A, TODAY, TOMORROW, 200, 200);

        assertThat(store().reserve(B, TODAY, TOMORROW, 200, 200).accepted()).isTrue();
        assertThat(store().reserve(A, TOMORROW, TOMORROW.plusSeconds(86_400), 1, 200).accepted()).isTrue();
        assertThat(store().used(A, TOMORROW)).isEqualTo(1);
        assertThat(store().used(B, TOMORROW)).isZero();
    }

    @Test
    default void releaseTakesBackWhatWasReservedButNeverGoesBelowZero() {
        store().reserve(A, TODAY, TOMORROW, 10, 200);

        store().release(A, TODAY, 4);
        assertThat(store().used(A, TODAY)).isEqualTo(6);
        store().release(A, TODAY, 40);
        assertThat(store().used(A, TODAY)).isZero();
        store().release(B, TODAY, 1);
        assertThat(store().used(B, TODAY)).isZero();
    }

    @Test
    default void resetForgetsThePeriodsCount() {
        store().reserve(A, TODAY, TOMORROW, 200, 200);
        store().reserve(B, TODAY, TOMORROW, 5, 200);

        store().reset(A, TODAY);

        assertThat(store().used(A, TODAY)).isZero();
        assertThat(store().used(B, TODAY)).isEqualTo(5);
        assertThat(store().reserve(A, TODAY, TOMORROW, 200, 200).accepted()).isTrue();
    }

    @Test
    default void purgeDropsEndedPeriodsOnly() {
        Instant yesterday = TODAY.minusSeconds(86_400);
        store().reserve(A, yesterday, TODAY, 7, 200);
        store().reserve(A, TODAY, TOMORROW, 3, 200);

        store().purgeEndedBefore(TODAY.plusSeconds(60));

        assertThat(store().used(A, yesterday)).isZero();
        assertThat(store().used(A, TODAY)).isEqualTo(3);
    }

    @Test
    default void concurrentReservationsFromSeveralNodesNeverExceedTheLimit() throws Exception {
        int limit = 97;
        List<CounterStore> nodes = List.of(store(), otherNode());
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Long>> clients = new ArrayList<>();
            for (int client = 0; client < 16; client++) {
                CounterStore node = nodes.get(client % nodes.size());
                int amount = 1 + client % 3;
                clients.add(() -> {
                    long accepted = 0;
                    for (int attempt = 0; attempt < 20; attempt++) {
                        if (node.reserve(A, TODAY, TOMORROW, amount, limit).accepted()) {
                            accepted += amount;
                        }
                    }
                    return accepted;
                });
            }
            long total = 0;
            for (Future<Long> result : threads.invokeAll(clients)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(store().used(A, TODAY));
            // 16 clients asked for 640: the count stops at the limit, or just below it when only larger asks remain
            assertThat(total).isBetween(limit - 2L, (long) limit);
        } finally {
            threads.shutdownNow();
        }
    }
}
