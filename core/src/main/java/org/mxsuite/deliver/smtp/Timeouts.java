package org.mxsuite.deliver.smtp;

import java.time.Duration;

/** How long the client waits at each step (RFC 5321 section 4.5.3.2 gives the upper bounds). */
public final class Timeouts {
    public static final Timeouts DELIVERY = new Timeouts(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(10));
    public static final Timeouts PROBE = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(10));

    private final Duration connect;
    private final Duration command;
    private final Duration dataEnd;

    public Timeouts(Duration connect, Duration command, Duration dataEnd) {
        this.connect = connect;
        this.command = command;
        this.dataEnd = dataEnd;
    }

    public Duration connect() {
        return connect;
    }

    public Duration command() {
        return command;
    }

    public Duration dataEnd() {
        return dataEnd;
    }
}
