package org.mxsuite.embedded.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class IndexingQueueTest {
    @Test
    void appliesUpdatesInTheOrderTheyCame() throws InterruptedException {
        IndexingQueue queue = new IndexingQueue("test-indexer", 10);
        List<Integer> applied = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 100; i++) {
            int number = i;
            queue.hand(() -> applied.add(number));
        }
        assertThat(queue.awaitUpdatesSoFar(Duration.ofSeconds(5))).isTrue();
        assertThat(applied).hasSize(100).isSorted();
    }

    @Test
    void aReaderWaitsForEveryUpdateHandedOverBeforeIt() throws InterruptedException {
        IndexingQueue queue = new IndexingQueue("test-indexer", 10);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean applied = new AtomicBoolean();
        queue.hand(() -> await(release));
        queue.hand(() -> applied.set(true));

        assertThat(queue.awaitUpdatesSoFar(Duration.ofMillis(200))).isFalse();
        assertThat(queue.waiting()).isEqualTo(2);
        release.countDown();
        assertThat(queue.awaitUpdatesSoFar(Duration.ofSeconds(5))).isTrue();
        assertThat(applied).isTrue();
    }

    @Test
    void aReaderDoesNotWaitForUpdatesHandedOverAfterIt() throws InterruptedException {
        IndexingQueue queue = new IndexingQueue("test-indexer", 10);
        queue.hand(() -> { });
        assertThat(queue.awaitUpdatesSoFar(Duration.ofSeconds(5))).isTrue();
        CountDownLatch never = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                assertThat(queue.awaitUpdatesSoFar(Duration.ofSeconds(5))).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();
        reader.join(5000);
        queue.hand(() -> await(never));
        assertThat(reader.isAlive()).isFalse();
        never.countDown();
    }

    @Test
    void whoHandsOverWaitsOnceTheQueueIsFull() throws InterruptedException {
        IndexingQueue queue = new IndexingQueue("test-indexer", 2);
        CountDownLatch release = new CountDownLatch(1);
        queue.hand(() -> await(release));
        queue.hand(() -> { });
        CountDownLatch thirdHandedOver = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            queue.hand(() -> { });
            thirdHandedOver.countDown();
        });
        producer.start();
        assertThat(thirdHandedOver.await(300, TimeUnit.MILLISECONDS)).isFalse();
        release.countDown();
        assertThat(thirdHandedOver.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closingAppliesWhatWasHandedOver() throws InterruptedException {
        IndexingQueue queue = new IndexingQueue("test-indexer", 10);
        AtomicBoolean applied = new AtomicBoolean();
        queue.hand(() -> {
            sleep(100);
            applied.set(true);
        });
        assertThat(queue.close(Duration.ofSeconds(5))).isTrue();
        assertThat(applied).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
