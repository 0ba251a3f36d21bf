package org.mxsuite.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxsuite.state.StateStore;

class TraceDatabaseTest {
    @TempDir
    Path directory;

    @Test
    void eventsAnEarlierVersionWroteIntoTheStateStoreAreRemovedWhenTheTraceGetsItsOwnDatabase() throws Exception {
        File base = directory.resolve("state").toFile();
        try (StateStore state = StateStore.openH2(base, 2)) {
            new JdbcTraceStore(state).add(List.of(
                TraceEvent.builder(TraceOutcome.ACCEPTED, Instant.parse("2026-12-04T10:00:00Z"), "example.com").sender("a@b.example").build()));
            assertThat(new JdbcTraceStore(state).search(TraceQuery.builder().build())).hasSize(1);

            TraceDatabase.of(state, base).close();

            assertThat(new JdbcTraceStore(state).search(TraceQuery.builder().build())).isEmpty();
        }
    }

    @Test
    void onH2TheTraceIsWrittenToADatabaseOfItsOwnBesideTheStateStoreAndTheStateStoreHoldsNone() throws Exception {
        File base = directory.resolve("state").toFile();
        try (StateStore state = StateStore.openH2(base, 2)) {
            try (TraceDatabase trace = TraceDatabase.of(state, base)) {
                assertThat(trace.store()).isNotSameAs(state);
                new JdbcTraceStore(trace.store()).add(List.of(
                    TraceEvent.builder(TraceOutcome.ACCEPTED, Instant.parse("2026-12-05T10:00:00Z"), "example.com").sender("a@b.example").build()));
                assertThat(new JdbcTraceStore(trace.store()).search(TraceQuery.builder().build())).hasSize(1);
            }
            assertThat(directory.resolve("state-trace.mv.db")).exists();
            // closing the trace's database left the state store open, and nothing of the trace went to it
            try (Connection connection = state.connection(); Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM trace_event")) {
                count.next();
                assertThat(count.getInt(1)).isZero();
            }
        }
    }
}
