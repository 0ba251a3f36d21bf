package org.mxsuite.activity;

import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.onami.lifecycle.DisposingStager;
import org.apache.james.utils.UserDefinedStartable;
import org.mxsuite.background.BackgroundThreads;
import org.mxsuite.domain.DomainName;
import org.mxsuite.hold.HoldQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activity series' background work on each node ({@code guice.extension.startable}): writes what the
 * {@link DeliveryCounter} counted every {@code activity.flushInterval}, samples the held messages of every domain
 * that holds mail every {@code activity.heldSampleInterval} into the 5-minute bucket of the moment, and prunes
 * what is older than {@link ActivitySettings#RETENTION} every hour. When James stops, the last counts are written
 * before the state store closes.
 */
public class ActivityHousekeeping implements UserDefinedStartable, Closeable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ActivityHousekeeping.class);
    /** The held messages' time bucket: every node sampling the shared queue within one writes the same row. */
    public static final Duration HELD_BUCKET = Duration.ofMinutes(5);
    private static final Duration PRUNING = Duration.ofHours(1);

    private final ActivityStore store;
    private final DeliveryCounter counter;
    private final HoldQueue queue;
    private final ActivitySettings settings;
    private final Clock clock;
    private final DisposingStager<PreDestroy> stopping;
    private ScheduledExecutorService executor;

    @Inject
    public ActivityHousekeeping(ActivityStore store, DeliveryCounter counter, HoldQueue queue, ActivitySettings settings, Clock clock,
                                DisposingStager<PreDestroy> stopping) {
        this.store = store;
        this.counter = counter;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
        this.stopping = stopping;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.daemons("mxsuite-activity"));
        BackgroundThreads.repeat(executor, "writing the delivery counts", settings.flushInterval(), settings.flushInterval(), this::flush);
        BackgroundThreads.repeat(executor, "sampling the held messages", Duration.ZERO, settings.heldSampleInterval(), this::sampleHeld);
        BackgroundThreads.repeat(executor, "pruning the activity series", Duration.ofMinutes(1), PRUNING, this::prune);
        stopping.register(this);
    }

    /** Adds what was counted since the last flush to the store; kept for the next when the store fails. */
    public void flush() {
        List<HourCounts> counts = counter.drain(clock.instant());
        if (counts.isEmpty()) {
            return;
        }
        try {
            store.add(counts);
        } catch (RuntimeException e) {
            counter.restore(counts);
            throw e;
        }
    }

    /** The held messages of each domain that holds mail now; a domain without a sample of a bucket held none. */
    public void sampleHeld() {
        Map<DomainName, Long> held = queue.usageByDomain().entrySet().stream()
            .filter(usage -> usage.getValue().messages() > 0)
            .collect(Collectors.toMap(Map.Entry::getKey, usage -> usage.getValue().messages()));
        if (!held.isEmpty()) {
            store.putHeld(bucketOf(clock.instant()), held);
        }
    }

    static Instant bucketOf(Instant instant) {
        long seconds = HELD_BUCKET.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    /** Removes what is past the retention. */
    public void prune() {
        int removed = store.removeBefore(clock.instant().minus(ActivitySettings.RETENTION));
        if (removed > 0) {
            LOGGER.info("removed {} activity series rows older than {} days", removed, ActivitySettings.RETENTION.toDays());
        }
    }

    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOGGER.warn("cannot write the last delivery counts", e);
        }
    }
}
