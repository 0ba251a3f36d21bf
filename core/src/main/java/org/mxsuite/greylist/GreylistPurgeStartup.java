package org.mxsuite.greylist;

import java.io.Closeable;
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
 * Purges expired greylist entries every {@code greylisting.purgeInterval} on a thread of its own, so that SMTP
 * never waits for it ({@code guice.extension.startable}); stopped with James.
 */
public class GreylistPurgeStartup implements UserDefinedStartable, Closeable {
    private static final Logger LOGGER = LoggerFactory.getLogger(GreylistPurgeStartup.class);

    private final Greylist greylist;
    private final DisposingStager<PreDestroy> stopping;
    private ScheduledExecutorService scheduler;

    @Inject
    public GreylistPurgeStartup(Greylist greylist, DisposingStager<PreDestroy> stopping) {
        this.greylist = greylist;
        this.stopping = stopping;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.daemons("mxsuite-greylist-purge"));
        Duration every = greylist.settings().purgeInterval();
        BackgroundThreads.repeat(scheduler, "greylisting: purging expired entries", every, every, this::purge);
        stopping.register(this);
    }

    private void purge() {
        int purged = greylist.purge();
        if (purged > 0) {
            LOGGER.info("greylisting: {} expired entries purged", purged);
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
