package org.mxsuite.greylist;

import java.io.Closeable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.onami.lifecycle.DisposingStager;
import org.apache.james.utils.UserDefinedStartable;
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
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mxsuite-greylist-purge");
            thread.setDaemon(true);
            return thread;
        });
        long every = greylist.settings().purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.MILLISECONDS);
        stopping.register(this);
    }

    private void purge() {
        try {
            int purged = greylist.purge();
            if (purged > 0) {
                LOGGER.info("greylisting: {} expired entries purged", purged);
            }
        } catch (RuntimeException e) {
            LOGGER.warn("greylisting: purge failed, next attempt in {}", greylist.settings().purgeInterval(), e);
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
