package org.mxsuite.ban;

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
 * Every few minutes, drops expired bans and failures outside the counting window
 * ({@code guice.extension.startable}): failures of an address that never comes back would otherwise stay forever.
 * Nothing depends on it being on time: expired bans and old failures are ignored when read anyway.
 */
public class BanHousekeeping implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(BanHousekeeping.class);
    private static final long INTERVAL_MINUTES = 10;

    private final BruteForceGuard guard;
    private final DisposingStager<PreDestroy> stopping;

    @Inject
    public BanHousekeeping(BruteForceGuard guard, DisposingStager<PreDestroy> stopping) {
        this.guard = guard;
        this.stopping = stopping;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mxsuite-ban-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::purge, INTERVAL_MINUTES, INTERVAL_MINUTES, TimeUnit.MINUTES);
        // stopped with James, before the state store closes
        stopping.register(executor);
    }

    private void purge() {
        try {
            guard.purge();
        } catch (RuntimeException e) {
            LOGGER.warn("Could not purge expired bans and old failed logins; will try again in {} minutes", INTERVAL_MINUTES, e);
        }
    }
}
