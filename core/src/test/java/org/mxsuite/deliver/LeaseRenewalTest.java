package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.DomainName;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.state.H2StateStoreExtension;
import org.mxsuite.hold.JdbcHoldQueue;

class LeaseRenewalTest {
    private static final DomainName EXAMPLE = DomainName.of("example.com");
    /** Renewed every 100 ms of real time; the queue's own clock is moved by hand. */
    private static final Duration LEASE = Duration.ofMillis(400);

    @RegisterExtension
    H2StateStoreExtension h2 = new H2StateStoreExtension();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

    @Test
    void theLeasesOfTheBatchesInProgressAreRenewedUntilTheBatchIsDoneWith() throws Exception {
        HoldQueue queue = new JdbcHoldQueue(h2.stateStore(), clock);
        queue.hold(EXAMPLE, MaybeSender.of(new MailAddress("sender@sender.example")), List.of(new MailAddress("a@example.com")),
            new ByteArrayInputStream("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
        ClaimedMessages claimed = new ClaimedMessages();
        List<HeldMessage> batch = claimed.add(queue.claim(EXAMPLE, clock.instant(), 10, "node-1", LEASE));
        assertThat(batch).hasSize(1);

        Instant claimedAt = clock.instant();
        try (LeaseRenewal renewal = new LeaseRenewal(queue, claimed, "node-1", LEASE, clock)) {
            renewal.start();
            for (int i = 0; i < 4; i++) {
                clock.advance(LEASE.dividedBy(2));
                Thread.sleep(LEASE.toMillis() / 2);
                assertThat(queue.claim(EXAMPLE, clock.instant(), 10, "node-2", LEASE))
                    .as("%s after the claim", Duration.between(claimedAt, clock.instant())).isEmpty();
            }

            claimed.remove(batch);
            Thread.sleep(LEASE.toMillis() / 2);
            clock.advance(LEASE.plusMillis(1));
            assertThat(queue.claim(EXAMPLE, clock.instant(), 10, "node-2", LEASE))
                .as("the batch is done with: its lease is no longer renewed").hasSize(1);
        }
    }
}
