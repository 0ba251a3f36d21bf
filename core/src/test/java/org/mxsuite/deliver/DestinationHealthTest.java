package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class DestinationHealthTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final DestinationHealth health = new DestinationHealth(Duration.ofSeconds(1), Duration.ofSeconds(3));

    /** Two connections that fail at once record one attempt on the held mail, not two. */
    @Test
    void onlyTheFailureThatFindsItDownFirstMarksIt() {
        assertThat(health.down(NOW, "refused")).isTrue();
        assertThat(health.down(NOW, "refused")).isFalse();
        assertThat(health.state()).isEqualTo(DestinationHealth.State.DOWN);

        health.up();
        assertThat(health.down(NOW, "refused again")).isTrue();
    }

    @Test
    void aDownDestinationIsProbedWithABackoffThatStopsAtTheMaximum() {
        health.down(NOW, "refused");
        assertThat(health.startProbe(NOW)).isFalse();
        assertThat(health.startProbe(NOW.plusSeconds(1))).isTrue();
        health.probeDone();

        health.down(NOW, "still refused");      // 1.5 s
        health.down(NOW, "still refused");      // 2.25 s
        health.down(NOW, "still refused");      // 3 s, the maximum
        health.down(NOW, "still refused");
        assertThat(health.startProbe(NOW.plusMillis(2999))).isFalse();
        assertThat(health.startProbe(NOW.plusSeconds(3))).isTrue();
        assertThat(health.startProbe(NOW.plusSeconds(3))).as("one probe at a time").isFalse();
    }

    /** After a flush or ETRN nothing is known: the queue listing shows no failure until an attempt fails again. */
    @Test
    void aResetForgetsTheLastFailure() {
        health.down(NOW, "421 4.4.1 cannot connect");
        health.reset();

        assertThat(health.state()).isEqualTo(DestinationHealth.State.UNKNOWN);
        assertThat(health.lastFailure()).isEmpty();
        assertThat(health.startProbe(NOW)).isTrue();
    }

    @Test
    void theStatusTellsHealthLastFailureAndTheNextProbeWhileDown() {
        assertThat(health.status().health()).isEqualTo(DestinationStatus.Health.UNKNOWN);

        health.down(NOW, "421 4.4.1 cannot connect");
        DestinationStatus down = health.status();
        assertThat(down.health()).isEqualTo(DestinationStatus.Health.DOWN);
        assertThat(down.lastFailure()).contains("421 4.4.1 cannot connect");
        assertThat(down.nextProbe()).contains(NOW.plusSeconds(1));

        health.up();
        assertThat(health.status().health()).isEqualTo(DestinationStatus.Health.UP);
        assertThat(health.status().lastFailure()).isEmpty();
        assertThat(health.status().nextProbe()).isEmpty();
    }
}
