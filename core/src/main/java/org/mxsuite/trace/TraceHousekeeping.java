package org.mxsuite.trace;

import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.onami.lifecycle.DisposingStager;
import org.apache.james.utils.UserDefinedStartable;
import org.mxsuite.background.BackgroundThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every hour, removes trace events older than {@code trace.retentionDays} ({@code guice.extension.startable}); also
 * has the recorder write what it holds when James stops, before the trace's database closes. Each node prunes: the DELETE
 * is the same whichever node runs it.
 */
public class TraceHousekeeping implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(TraceHousekeeping.class);
    private static final Duration INTERVAL = Duration.ofHours(1);

    private final TraceStore store;
    private final TraceRecorder recorder;
    private final TraceSettings settings;
    private final Clock clock;
    private final DisposingStager<PreDestroy> stopping;
    private final TraceDatabase database;

    @Inject
    public TraceHousekeeping(TraceDatabase database, TraceStore store, TraceRecorder recorder, TraceSettings settings, Clock clock,
                             DisposingStager<PreDestroy> stopping) {
        this.database = database;
        this.store = store;
        this.recorder = recorder;
        this.settings = settings;
        this.clock = clock;
        this.stopping = stopping;
    }

    @Override
    public void start() {
        // James stops in reverse order of registration: the recorder writes what it holds, then its database closes
        stopping.register(database);
        if (recorder instanceof Closeable) {
            stopping.register((Closeable) recorder);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.daemons("mxsuite-trace-pruning"));
        BackgroundThreads.repeat(executor, "pruning the delivery trace", Duration.ofMinutes(1), INTERVAL, this::prune);
        stopping.register(executor);
    }

    /** Removes the events past the retention. */
    public void prune() {
        int removed = store.removeBefore(clock.instant().minus(settings.retention()));
        if (removed > 0) {
            LOGGER.info("removed {} delivery trace events older than {} days", removed, settings.retention().toDays());
        }
    }
}
