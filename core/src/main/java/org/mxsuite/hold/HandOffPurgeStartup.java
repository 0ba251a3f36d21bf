package org.mxsuite.hold;

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
 * Forgets the hold queue's hand-offs a week after they were made, every hour, on a thread of its own
 * ({@code guice.extension.startable}); stopped with James. A hand-off is needed until James's spool has forgotten
 * the mail, which it does as soon as the mailets are done with it or, after a crash, soon after the next start: a
 * week covers a server left down for days.
 */
public class HandOffPurgeStartup implements UserDefinedStartable, Closeable {
    private static final Logger LOGGER = LoggerFactory.getLogger(HandOffPurgeStartup.class);
    static final Duration KEPT = Duration.ofDays(7);
    private static final Duration EVERY = Duration.ofHours(1);

    private final HoldQueue queue;
    private final Clock clock;
    private final DisposingStager<PreDestroy> stopping;
    private ScheduledExecutorService scheduler;

    @Inject
    public HandOffPurgeStartup(HoldQueue queue, Clock clock, DisposingStager<PreDestroy> stopping) {
        this.queue = queue;
        this.clock = clock;
        this.stopping = stopping;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.daemons("mxsuite-hand-off-purge"));
        BackgroundThreads.repeat(scheduler, "hold queue: forgetting old hand-offs", EVERY, EVERY, this::purge);
        stopping.register(this);
    }

    private void purge() {
        int forgotten = queue.forgetHandOffs(clock.instant().minus(KEPT));
        if (forgotten > 0) {
            LOGGER.info("hold queue: {} hand-offs older than {} forgotten", forgotten, KEPT);
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
