package org.mxsuite.deliver;

import java.time.Clock;
import java.util.function.Consumer;

import org.mxsuite.deliver.smtp.SmtpConnection;
import org.mxsuite.deliver.smtp.SmtpException;
import org.mxsuite.deliver.smtp.Timeouts;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.hold.HoldQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes a destination not known to answer (connect, EHLO, QUIT; nothing sent): the moment it answers, everything
 * the domain holds is made due and the domain is woken, whatever the retry interval says.
 */
final class DestinationProbe {
    private static final Logger LOGGER = LoggerFactory.getLogger(DestinationProbe.class);

    private final HoldQueue queue;
    private final DestinationConnector connector;
    private final Consumer<DomainName> wake;
    private final Clock clock;

    DestinationProbe(HoldQueue queue, DestinationConnector connector, Consumer<DomainName> wake, Clock clock) {
        this.queue = queue;
        this.connector = connector;
        this.wake = wake;
        this.clock = clock;
    }

    /** Runs the probe whose slot the caller took ({@link DestinationHealth#startProbe}), and frees the slot. */
    void probe(HostedDomain domain, DomainState state) {
        try {
            SmtpConnection connection = connector.connect(domain, Timeouts.PROBE);
            connection.quit();
            LOGGER.info("destination of {} answers again: delivering what it holds", domain.name());
            state.health.up();
            queue.flush(domain.name(), clock.instant());
            wake.accept(domain.name());
        } catch (SmtpException | NoDestinationException e) {
            state.health.down(clock.instant(), e.getMessage());
        } catch (RuntimeException e) {
            LOGGER.error("probe of the destination of {} failed", domain.name(), e);
            state.health.down(clock.instant(), e.toString());
        } finally {
            state.health.probeDone();
        }
    }
}
