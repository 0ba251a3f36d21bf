package org.mxsuite.background;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class BackgroundThreadsTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.daemons("test-background"));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aRepeatedTaskRunsAgainAfterARunThatThrowsAnErrorOrAnException() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        BackgroundThreads.repeat(executor, "a task that fails", Duration.ZERO, Duration.ofMillis(10), () -> {
            third.countDown();
            int run = runs.incrementAndGet();
            if (run == 1) {
                throw new StackOverflowError("first run");
            }
            if (run == 2) {
                throw new IllegalStateException("second run");
            }
        });

        // a plain scheduleWithFixedDelay stops for good after the first run
        assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theFirstRunComesAfterTheFirstDelayAndTheNextOnesAfterTheDelay() throws Exception {
        CountDownLatch twice = new CountDownLatch(2);
        long start = System.nanoTime();
        AtomicReference<Long> firstAt = new AtomicReference<>();
        BackgroundThreads.repeat(executor, "a task", Duration.ofMillis(200), Duration.ofMillis(300), () -> {
            firstAt.compareAndSet(null, System.nanoTime());
            twice.countDown();
        });

        assertThat(twice.await(10, TimeUnit.SECONDS)).isTrue();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(TimeUnit.NANOSECONDS.toMillis(firstAt.get() - start)).isGreaterThanOrEqualTo(200);
        assertThat(elapsed).isGreaterThanOrEqualTo(500);
    }

    @Test
    void theThreadsAreDaemonsNamedAfterTheirPool() {
        Thread first = BackgroundThreads.daemons("mxsuite-test").newThread(() -> { });
        assertThat(first.isDaemon()).isTrue();
        assertThat(first.getName()).isEqualTo("mxsuite-test-1");
    }

    @Test
    void aThreadThatDiesOfAnErrorSaysSoInTheLog() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(BackgroundThreads.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            Thread worker = BackgroundThreads.daemons("mxsuite-test").newThread(() -> {
                throw new StackOverflowError("deep");
            });
            worker.start();
            worker.join(10_000);

            assertThat(log.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).hasToString("ERROR");
                assertThat(event.getFormattedMessage()).isEqualTo("thread mxsuite-test-1 died of java.lang.StackOverflowError: deep");
                assertThat(event.getThrowableProxy().getClassName()).isEqualTo("java.lang.StackOverflowError");
            });
        } finally {
            logger.detachAppender(log);
        }
    }
}
