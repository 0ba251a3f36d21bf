package org.mxsuite.ban;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.onami.lifecycle.DisposingStager;
import org.apache.james.utils.UserDefinedStartable;
import org.mxsuite.background.BackgroundThreads;

/**
 * Every few minutes, drops expired bans and failures outside the counting window
 * ({@code guice.extension.startable}): failures of an address that never comes back would otherwise stay forever.
 * Nothing depends on it being on time: expired bans and old failures are ignored when read anyway.
 */
public class BanHousekeeping implements UserDefinedStartable {
    private static final Duration INTERVAL = Duration.ofMinutes(10);

    private final BruteForceGuard guard;
    private final DisposingStager<PreDestroy> stopping;

    @Inject
    public BanHousekeeping(BruteForceGuard guard, DisposingStager<PreDestroy> stopping) {
        this.guard = guard;
        this.stopping = stopping;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.daemons("mxsuite-ban-housekeeping"));
        BackgroundThreads.repeat(executor, "purging expired bans and old failed logins", INTERVAL, INTERVAL, guard::purge);
        // stopped with James, before the state store closes
        stopping.register(executor);
    }
}
