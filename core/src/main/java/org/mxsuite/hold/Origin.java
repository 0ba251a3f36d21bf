package org.mxsuite.hold;

import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.MaybeSender;

/**
 * Who gave us a held message: a client that did not log in (its address, and the sender it gave in MAIL FROM, which
 * may differ from the held one: forwarding rewrites it with SRS), or one we answer for (a logged-in client, a trusted
 * network, this server itself). Whether its sender is told of a failure or a delay depends on it.
 */
public final class Origin {
    /** A logged-in client, a trusted network, or mail this server made. */
    public static final Origin TRUSTED = new Origin(Optional.empty(), MaybeSender.nullSender());

    private final Optional<String> client;
    private final MaybeSender sender;

    private Origin(Optional<String> client, MaybeSender sender) {
        this.client = client;
        this.sender = sender;
    }

    /** @param client the client's IP address, as text */
    public static Origin unauthenticated(String client, MaybeSender sender) {
        return new Origin(Optional.of(client), Objects.requireNonNull(sender, "sender"));
    }

    /** The address of the client that did not log in; empty for a trusted origin. */
    public Optional<String> client() {
        return client;
    }

    /** The sender that client gave (the null sender for a trusted origin). */
    public MaybeSender sender() {
        return sender;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Origin && ((Origin) o).client.equals(client) && ((Origin) o).sender.equals(sender);
    }

    @Override
    public int hashCode() {
        return Objects.hash(client, sender);
    }

    @Override
    public String toString() {
        return client.map(address -> "[" + address + "] as <" + sender.asString("") + ">").orElse("trusted");
    }
}
