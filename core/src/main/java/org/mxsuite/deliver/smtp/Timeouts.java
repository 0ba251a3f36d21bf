package org.mxsuite.deliver.smtp;

import java.time.Duration;

/** How long the client waits at each step (RFC 5321 section 4.5.3.2 gives the upper bounds). */
public final class Timeouts {
    public static final Timeouts DELIVERY =
        new Timeouts(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(3));
    public static final Timeouts PROBE = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(10));

    private final Duration connect;
    private final Duration command;
    private final Duration dataEnd;
    private final Duration dataBlock;

    /** Each write may take as long as a command's reply. */
    public Timeouts(Duration connect, Duration command, Duration dataEnd) {
        this(connect, command, dataEnd, command);
    }

    public Timeouts(Duration connect, Duration command, Duration dataEnd, Duration dataBlock) {
        this.connect = connect;
        this.command = command;
        this.dataEnd = dataEnd;
        this.dataBlock = dataBlock;
    }

    public Duration connect() {
        return connect;
    }

    /** For each reply, as a whole. */
    public Duration command() {
        return command;
    }

    public Duration dataEnd() {
        return dataEnd;
    }

    /**
     * For each write, of a command or of message content (RFC 5321 4.5.3.2.5, "Data Block"): a server that stopped
     * reading would otherwise block the write forever.
     */
    public Duration dataBlock() {
        return dataBlock;
    }
}
