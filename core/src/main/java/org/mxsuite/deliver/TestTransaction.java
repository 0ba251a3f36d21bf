package org.mxsuite.deliver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report of a test transaction against a domain's destination (connect, EHLO, STARTTLS, MAIL, RCPT, RSET,
 * QUIT, no message sent), so that a customer can check the settings before switching MX records.
 */
public final class TestTransaction {
    /** One step and what the server said. */
    public static final class Step {
        private final String command;
        private final Optional<String> reply;
        private final boolean ok;
        private final Duration latency;

        Step(String command, Optional<String> reply, boolean ok, Duration latency) {
            this.command = command;
            this.reply = reply;
            this.ok = ok;
            this.latency = latency;
        }

        public String command() {
            return command;
        }

        public Optional<String> reply() {
            return reply;
        }

        public boolean ok() {
            return ok;
        }

        public Duration latency() {
            return latency;
        }
    }

    private final String destination;
    private final List<Step> steps = new ArrayList<>();

    TestTransaction(String destination) {
        this.destination = destination;
    }

    void add(String command, Optional<String> reply, boolean ok, Duration latency) {
        steps.add(new Step(command, reply, ok, latency));
    }

    public String destination() {
        return destination;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Every step went as a working destination answers. */
    public boolean succeeded() {
        return !steps.isEmpty() && steps.stream().allMatch(Step::ok);
    }
}
