package org.mxsuite.state;

import org.mxsuite.hold.JdbcHoldQueue;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.DomainName;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.hold.QueueUsage;
import org.mxsuite.hold.QueueUsageCache;

class QueueUsageCacheTest {
    private static final DomainName DOMAIN = DomainName.of("usage.example");

    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private MutableClock clock;
    private HoldQueue queue;
    private QueueUsageCache cache;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        queue = new JdbcHoldQueue(h2.stateStore(), clock);
        cache = new QueueUsageCache(queue, clock);
    }

    @Test
    void whatThisNodeHoldsAndReleasesIsSeenAtOnceWithoutCountingAgain() throws Exception {
        assertThat(cache.usage(DOMAIN)).isEqualTo(QueueUsage.EMPTY);

        hold("0123456789");
        cache.held(DOMAIN, 10);
        assertThat(cache.usage(DOMAIN)).isEqualTo(new QueueUsage(1, 10));

        cache.released(DOMAIN, 10);
        assertThat(cache.usage(DOMAIN)).as("the snapshot, adjusted, not a new count").isEqualTo(QueueUsage.EMPTY);
    }

    @Test
    void whatAnotherNodeHoldsIsCountedWithinASecond() throws Exception {
        assertThat(cache.usage(DOMAIN)).isEqualTo(QueueUsage.EMPTY);
        hold("01234");

        assertThat(cache.usage(DOMAIN)).as("still the snapshot").isEqualTo(QueueUsage.EMPTY);
        clock.advance(Duration.ofMillis(1001));
        assertThat(cache.usage(DOMAIN)).isEqualTo(new QueueUsage(1, 5));
    }

    @Test
    void whileOneCallerCountsAgainTheOthersUseThePreviousCount() throws Exception {
        CountDownLatch counting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger counts = new AtomicInteger();
        HoldQueue slowToCount = (HoldQueue) Proxy.newProxyInstance(HoldQueue.class.getClassLoader(), new Class<?>[] {HoldQueue.class},
            (proxy, method, args) -> {
                if (method.getName().equals("usage") && counts.incrementAndGet() > 1) {
                    counting.countDown();
                    release.await();
                }
                return method.invoke(queue, args);
            });
        cache = new QueueUsageCache(slowToCount, clock);
        assertThat(cache.usage(DOMAIN)).isEqualTo(QueueUsage.EMPTY);
        hold("01234");
        clock.advance(Duration.ofMillis(1001));

        CompletableFuture<QueueUsage> recount = CompletableFuture.supplyAsync(() -> cache.usage(DOMAIN));
        counting.await();
        assertThat(cache.usage(DOMAIN)).as("the previous count, no second query").isEqualTo(QueueUsage.EMPTY);
        release.countDown();

        assertThat(recount.get()).isEqualTo(new QueueUsage(1, 5));
        assertThat(counts.get()).isEqualTo(2);
        assertThat(cache.usage(DOMAIN)).isEqualTo(new QueueUsage(1, 5));
    }

    @Test
    void aSlowCountIsRepeatedLessOften() throws Exception {
        // a count that takes 200 ms (the queue's clock moves while it counts) is good for 20 x 200 ms = 4 s
        HoldQueue slowToCount = (HoldQueue) Proxy.newProxyInstance(HoldQueue.class.getClassLoader(), new Class<?>[] {HoldQueue.class},
            (proxy, method, args) -> {
                Object result = method.invoke(queue, args);
                if (method.getName().equals("usage")) {
                    clock.advance(Duration.ofMillis(200));
                }
                return result;
            });
        cache = new QueueUsageCache(slowToCount, clock);
        assertThat(cache.usage(DOMAIN)).isEqualTo(QueueUsage.EMPTY);
        hold("01234");

        clock.advance(Duration.ofMillis(3700));
        assertThat(cache.usage(DOMAIN)).as("3.9 s after the count began: still the snapshot").isEqualTo(QueueUsage.EMPTY);
        clock.advance(Duration.ofMillis(101));
        assertThat(cache.usage(DOMAIN)).isEqualTo(new QueueUsage(1, 5));
    }

    @Test
    void aCountThatRanWhileADeliveryMadeRoomDoesNotHideTheRoom() throws Exception {
        HoldQueue deliveredWhileCounting = (HoldQueue) Proxy.newProxyInstance(HoldQueue.class.getClassLoader(), new Class<?>[] {HoldQueue.class},
            (proxy, method, args) -> {
                Object result = method.invoke(queue, args);
                if (method.getName().equals("usage") && ((QueueUsage) result).messages() > 0) {
                    // the count has read the message; a delivery removes it before the count is put in place
                    queue.remove(queue.list(DOMAIN, 0, 1).get(0).id());
                    cache.released(DOMAIN, 5);
                }
                return result;
            });
        cache = new QueueUsageCache(deliveredWhileCounting, clock);
        hold("01234");

        assertThat(cache.usage(DOMAIN)).as("the count less what was released while it ran").isEqualTo(QueueUsage.EMPTY);
        assertThat(cache.usage(DOMAIN)).as("and so kept").isEqualTo(QueueUsage.EMPTY);
    }

    @Test
    void adjustmentsNeverGoBelowZero() {
        assertThat(cache.usage(DOMAIN)).isEqualTo(QueueUsage.EMPTY);
        cache.released(DOMAIN, 100);
        assertThat(cache.usage(DOMAIN)).isEqualTo(QueueUsage.EMPTY);
    }

    @Test
    void aTotalOverDomainsCountsOnlyTheDomainsAskedForAndSeesThisNodesHoldsAtOnce() throws Exception {
        DomainName other = DomainName.of("other.example");
        hold("01234");
        queue.hold(other, MaybeSender.nullSender(), List.of(new MailAddress("b@other.example")),
            new ByteArrayInputStream("0123456789".getBytes(StandardCharsets.US_ASCII)));

        assertThat(cache.total(domain -> true)).isEqualTo(new QueueUsage(2, 15));
        assertThat(cache.total(domain -> !domain.equals(DOMAIN))).isEqualTo(new QueueUsage(1, 10));

        cache.held(other, 7);
        assertThat(cache.total(domain -> true)).as("adjusted, not counted again").isEqualTo(new QueueUsage(3, 22));
        cache.released(DOMAIN, 5);
        assertThat(cache.total(domain -> true)).isEqualTo(new QueueUsage(2, 17));
        clock.advance(Duration.ofMillis(1001));
        assertThat(cache.total(domain -> true)).as("counted again after a second").isEqualTo(new QueueUsage(2, 15));
    }

    private void hold(String content) throws Exception {
        queue.hold(DOMAIN, MaybeSender.of(new MailAddress("a@sender.example")), List.of(new MailAddress("b@usage.example")),
            new ByteArrayInputStream(content.getBytes(StandardCharsets.US_ASCII)));
    }
}
