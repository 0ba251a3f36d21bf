package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.state.H2StateStoreExtension;

class DestinationProbeTest {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private LoopbackSmtpServer customer;
    private DeliveryParts parts;
    private DestinationProbe probe;
    private DomainState state;

    @BeforeEach
    void setUp() throws Exception {
        customer = new LoopbackSmtpServer();
        parts = new DeliveryParts(h2.stateStore());
        probe = new DestinationProbe(parts.queue, parts.connector, parts.woken::add, parts.clock);
        state = parts.state();
    }

    @AfterEach
    void tearDown() throws Exception {
        customer.close();
    }

    @Test
    void aDestinationThatAnswersAgainGetsEverythingItsDomainHoldsAtOnce() throws Exception {
        HostedDomain domain = parts.host(HoldPolicy.builder().destination(customer.destination()).build());
        HeldMessageId id = parts.hold("sender@sender.example", "a@customer.example");
        parts.deferAll(parts.clock.instant().plus(Duration.ofHours(1)));
        state.health.down(parts.clock.instant(), "421 down");
        assertThat(state.health.startProbe(parts.clock.instant().plusSeconds(5))).isTrue();

        probe.probe(domain, state);

        assertThat(state.health.state()).isEqualTo(DestinationHealth.State.UP);
        assertThat(state.health.lastFailure()).isEmpty();
        assertThat(parts.queue.get(id).orElseThrow().recipients().get(0).nextAttempt()).isEqualTo(parts.clock.instant());
        assertThat(parts.woken).containsExactly(DeliveryParts.DOMAIN);
        assertThat(customer.received()).as("a probe sends nothing").isEmpty();
        assertThat(customer.commands()).containsExactly("EHLO mx.test", "QUIT");
        assertThat(state.health.startProbe(parts.clock.instant().plusSeconds(5))).as("slot freed").isTrue();
    }

    @Test
    void aDestinationThatStillDoesNotAnswerStaysDownAndIsProbedLater() throws Exception {
        HostedDomain domain = parts.host(HoldPolicy.builder().destination(LoopbackSmtpServer.closedPort()).build());
        assertThat(state.health.startProbe(parts.clock.instant())).isTrue();

        probe.probe(domain, state);

        assertThat(state.health.state()).isEqualTo(DestinationHealth.State.DOWN);
        assertThat(state.health.lastFailure()).isPresent();
        assertThat(parts.woken).isEmpty();
        assertThat(state.health.startProbe(parts.clock.instant())).as("not before the probe interval").isFalse();
        assertThat(state.health.startProbe(parts.clock.instant().plus(parts.settings.probeMinInterval()))).isTrue();
    }
}
