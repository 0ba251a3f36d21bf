package org.mxsuite.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCheckpointTest {
    private static final Duration SPACING = Duration.ofMillis(800);

    @TempDir
    Path directory;

    private final AtomicInteger checkpoints = new AtomicInteger();
    private GroupCheckpoint checkpoint;

    @BeforeEach
    void open() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("db").toAbsolutePath());
        checkpoint = new GroupCheckpoint(h2, "test", checkpoints::incrementAndGet, SPACING);
    }

    @AfterEach
    void close() {
        checkpoint.close();
    }

    @Test
    void patientRequestsAfterACheckpointShareTheNextOneOnceTheSpacingHasPassed() throws Exception {
        checkpoint.request().get(5, TimeUnit.SECONDS);
        long afterFirst = System.nanoTime();

        List<CompletableFuture<Void>> patient = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            patient.add(checkpoint.requestPatiently());
        }
        CompletableFuture.allOf(patient.toArray(new CompletableFuture[0])).get(5, TimeUnit.SECONDS);

        assertThat(checkpoints).hasValue(2);
        assertThat(Duration.ofNanos(System.nanoTime() - afterFirst)).isGreaterThan(SPACING.dividedBy(2));
    }

    @Test
    void anUrgentRequestDoesNotWaitForTheSpacingAndTakesThePatientOnesAlong() throws Exception {
        checkpoint.request().get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> patient = checkpoint.requestPatiently();
        long asked = System.nanoTime();

        checkpoint.request().get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(SPACING.dividedBy(2));
        assertThat(patient).isCompleted();
        assertThat(checkpoints).hasValue(2);
    }

    @Test
    void aLonePatientRequestLongAfterTheLastCheckpointIsServedAtOnce() throws Exception {
        long asked = System.nanoTime();

        checkpoint.requestPatiently().get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(SPACING.dividedBy(2));
    }
}
