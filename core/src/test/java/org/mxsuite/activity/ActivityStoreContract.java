package org.mxsuite.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;

/** What every {@link ActivityStore} does, whatever keeps the data. */
public interface ActivityStoreContract {
    DomainName A = DomainName.of("a.example.net");
    DomainName B = DomainName.of("b.example.net");
    Instant HOUR = Instant.parse("2026-12-05T12:00:00Z");

    ActivityStore store();

    /** The store as another node sharing the same data sees it (the same store where there is one node only). */
    default ActivityStore otherNode() {
        return store();
    }

    @Test
    default void theNodesAdditionsToAnHourAddUp() {
        store().add(List.of(new HourCounts(A, HOUR, 3, 1, 0), new HourCounts(B, HOUR, 7, 0, 0)));
        otherNode().add(List.of(new HourCounts(A, HOUR, 2, 4, 1)));
        store().add(List.of(new HourCounts(A, HOUR.plus(Duration.ofHours(1)), 1, 0, 0)));

        assertThat(otherNode().hourly(A, HOUR, HOUR.plus(Duration.ofHours(2))))
            .containsExactly(new HourCounts(A, HOUR, 5, 5, 1), new HourCounts(A, HOUR.plus(Duration.ofHours(1)), 1, 0, 0));
        assertThat(store().hourly(B, HOUR, HOUR.plus(Duration.ofHours(1)))).containsExactly(new HourCounts(B, HOUR, 7, 0, 0));
    }

    @Test
    default void hourlyReadsTheHoursOfTheRangeOnly() {
        store().add(List.of(new HourCounts(A, HOUR.minus(Duration.ofHours(1)), 1, 0, 0), new HourCounts(A, HOUR, 2, 0, 0),
            new HourCounts(A, HOUR.plus(Duration.ofHours(1)), 3, 0, 0)));

        assertThat(store().hourly(A, HOUR, HOUR.plus(Duration.ofHours(1)))).containsExactly(new HourCounts(A, HOUR, 2, 0, 0));
        assertThat(store().hourly(B, HOUR, HOUR.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    default void twoSamplesOfOneBucketKeepOneValue() {
        Instant bucket = HOUR.plus(Duration.ofMinutes(5));
        store().putHeld(HOUR, Map.of(A, 4L));
        store().putHeld(bucket, Map.of(A, 6L, B, 1L));
        otherNode().putHeld(bucket, Map.of(A, 7L));

        assertThat(store().held(A, HOUR, HOUR.plus(Duration.ofHours(1)))).containsExactly(entry(HOUR, 4L), entry(bucket, 7L));
        assertThat(store().held(A, bucket, HOUR.plus(Duration.ofHours(1)))).containsExactly(entry(bucket, 7L));
        assertThat(otherNode().held(B, HOUR, HOUR.plus(Duration.ofHours(1)))).containsExactly(entry(bucket, 1L));
    }

    @Test
    default void removeBeforeDropsOlderHoursAndSamples() {
        Instant old = HOUR.minus(Duration.ofDays(31));
        store().add(List.of(new HourCounts(A, old, 1, 0, 0), new HourCounts(A, HOUR, 2, 0, 0)));
        store().putHeld(old, Map.of(A, 3L));
        store().putHeld(HOUR, Map.of(A, 4L));

        assertThat(store().removeBefore(HOUR.minus(Duration.ofDays(30)))).isEqualTo(2);

        assertThat(store().hourly(A, old, HOUR.plusSeconds(1))).containsExactly(new HourCounts(A, HOUR, 2, 0, 0));
        assertThat(store().held(A, old, HOUR.plusSeconds(1))).containsExactly(entry(HOUR, 4L));
    }
}
