package org.mxsuite.background;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.mxsuite.domain.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The suite's background threads: daemons, and periodic tasks that outlive a failed run. */
public final class BackgroundThreads {
    private static final Logger LOGGER = LoggerFactory.getLogger(BackgroundThreads.class);

    private BackgroundThreads() {
    }

    /**
     * Daemon threads named {@code name-1, name-2...}: they never keep the JVM from stopping. A thread that dies of
     * what it throws says so in the server's log, not only on standard error (the JVM's default), where an
     * administrator reading the log would never see it.
     */
    public static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((dead, thrown) -> LOGGER.error("thread {} died of {}", dead.getName(), thrown.toString(), thrown));
            return thread;
        };
    }

    /**
     * Runs {@code task} on {@code executor} after {@code first}, then again {@code delay} after each run ends, whatever
     * a run throws: it is logged and the next run comes as planned. A {@link ScheduledExecutorService} cancels a
     * periodic task for good, silently, after one run that throws; an {@link Error} (a stack overflow, a moment out of
     * memory) would otherwise end, say, the delivery passes or the lease renewals until the next restart.
     */
    public static ScheduledFuture<?> repeat(ScheduledExecutorService executor, String what, Duration first, Duration delay,
                                            Runnable task) {
        return executor.scheduleWithFixedDelay(() -> runReporting(what, delay, task), first.toMillis(),
            Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private static void runReporting(String what, Duration delay, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOGGER.warn("{} failed; trying again in {}", what, readable(delay), e);
        } catch (Error e) {
            LOGGER.error("{} failed; trying again in {}", what, readable(delay), e);
        }
    }

    private static String readable(Duration delay) {
        return delay.toMillis() % 1000 == 0 ? Durations.format(delay) : delay.toMillis() + "ms";
    }
}
