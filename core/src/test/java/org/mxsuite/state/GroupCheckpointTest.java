package org.mxsuite.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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

    private JdbcDataSource h2;

    @BeforeEach
    void open() {
        h2 = new JdbcDataSource();
        // H2's own background writer kept out of the way: only the checkpoints write
        h2.setURL("jdbc:h2:file:" + directory.resolve("db").toAbsolutePath() + ";WRITE_DELAY=600000");
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

    @Test
    void aWriteRequestIsServedAtOnceWithoutASyncAndLeavesThePatientRequestsWaiting() throws Exception {
        checkpoint.request().get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> patient = checkpoint.requestPatiently();
        long asked = System.nanoTime();

        checkpoint.requestWritten().get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(SPACING.dividedBy(2));
        assertThat(checkpoints).as("syncs").hasValue(1);
        assertThat(patient).isNotDone();
        patient.get(5, TimeUnit.SECONDS);
        assertThat(checkpoints).as("syncs").hasValue(2);
    }

    @Test
    void aWriteIsSyncedOnceTheSpacingHasPassedWithoutAnyRequestForIt() throws Exception {
        checkpoint.request().get(5, TimeUnit.SECONDS);
        long synced = System.nanoTime();

        checkpoint.requestWritten().get(5, TimeUnit.SECONDS);
        assertThat(checkpoints).as("syncs").hasValue(1);

        Instant deadline = Instant.now().plusSeconds(5);
        while (checkpoints.get() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(5);
        }
        assertThat(checkpoints).as("syncs").hasValue(2);
        assertThat(Duration.ofNanos(System.nanoTime() - synced)).isGreaterThan(SPACING.dividedBy(2));
    }

    @Test
    void whatAWriteRequestCoversIsInTheFileForTheNextStartToRead() throws Exception {
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE outcome (id INT PRIMARY KEY)");
            checkpoint.request().get(5, TimeUnit.SECONDS);
            statement.execute("INSERT INTO outcome VALUES (1)");
            assertThat(rowsInACopyOfTheFile("before")).as("committed, not yet written").isZero();

            checkpoint.requestWritten().get(5, TimeUnit.SECONDS);

            assertThat(rowsInACopyOfTheFile("after")).as("written").isEqualTo(1);
        }
    }

    /** What a start after a crash of the process would find: the file as it is now, opened by another database. */
    private int rowsInACopyOfTheFile(String name) throws Exception {
        Path copy = directory.resolve(name);
        Files.copy(directory.resolve("db.mv.db"), directory.resolve(name + ".mv.db"));
        JdbcDataSource reopened = new JdbcDataSource();
        reopened.setURL("jdbc:h2:file:" + copy.toAbsolutePath());
        try (Connection connection = reopened.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM outcome")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
