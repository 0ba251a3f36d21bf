package org.mxsuite.trace;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of one message's life for one domain (and, where the step concerns one, one recipient): who sent it from
 * where, where it was held, where a delivery attempt went and what the remote server replied. Addresses and domains
 * are kept in lower case, so that searches ignore case. Fields a step does not have are empty.
 */
public final class TraceEvent {
    /** Longest text kept of a reply or message-id: what a support search needs, not a whole multi-line reply. */
    static final int MAX_TEXT = 1000;
    /** Longest address kept: longer than any address a server takes (RFC 5321: 256), within its column. */
    static final int MAX_ADDRESS = 512;
    private static final int MAX_NAME = 253;
    private static final int MAX_IP = 45;
    private static final int MAX_ID = 64;

    private final Instant at;
    private final TraceOutcome outcome;
    private final String domain;
    private final String sender;
    private final Optional<String> recipient;
    private final Optional<String> heldId;
    private final Optional<String> messageId;
    private final Optional<String> client;
    private final Optional<Long> size;
    private final Optional<String> host;
    private final Optional<String> address;
    private final Optional<Boolean> tls;
    private final String reply;

    private TraceEvent(Builder builder) {
        this.at = Objects.requireNonNull(builder.at);
        this.outcome = Objects.requireNonNull(builder.outcome);
        // cut to their columns: what a client sends must never fail the batch it is written in
        this.domain = cut(lower(builder.domain), MAX_NAME);
        this.sender = cut(lower(builder.sender), MAX_ADDRESS);
        this.recipient = builder.recipient.map(value -> cut(lower(value), MAX_ADDRESS));
        this.heldId = builder.heldId.map(value -> cut(value, MAX_ID));
        this.messageId = builder.messageId.map(TraceEvent::shortened);
        this.client = builder.client.map(value -> cut(value, MAX_IP));
        this.size = builder.size;
        this.host = builder.host.map(value -> cut(lower(value), MAX_NAME));
        this.address = builder.address.map(value -> cut(value, MAX_IP));
        this.tls = builder.tls;
        this.reply = shortened(builder.reply);
    }

    public static Builder builder(TraceOutcome outcome, Instant at, String domain) {
        return new Builder(outcome, at, domain);
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    private static String shortened(String value) {
        return cut(value.replace("\r", " ").replace("\n", " "), MAX_TEXT);
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    public Instant at() {
        return at;
    }

    public TraceOutcome outcome() {
        return outcome;
    }

    public String domain() {
        return domain;
    }

    /** The envelope sender; empty for the null sender. */
    public String sender() {
        return sender;
    }

    public Optional<String> recipient() {
        return recipient;
    }

    /** The hold queue's id of the message: what ties its delivery steps to its arrival. */
    public Optional<String> heldId() {
        return heldId;
    }

    public Optional<String> messageId() {
        return messageId;
    }

    /** The SMTP client's address (accepted and refused mail). */
    public Optional<String> client() {
        return client;
    }

    public Optional<Long> size() {
        return size;
    }

    /** The destination host of a delivery attempt. */
    public Optional<String> host() {
        return host;
    }

    /** The destination's IP address of a delivery attempt. */
    public Optional<String> address() {
        return address;
    }

    /** Whether a delivery attempt's connection was encrypted (STARTTLS). */
    public Optional<Boolean> tls() {
        return tls;
    }

    /** The reply given (refusals) or received (attempts); empty where there is none. */
    public String reply() {
        return reply;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TraceEvent)) {
            return false;
        }
        TraceEvent that = (TraceEvent) other;
        return at.equals(that.at) && outcome == that.outcome && domain.equals(that.domain) && sender.equals(that.sender)
            && recipient.equals(that.recipient) && heldId.equals(that.heldId) && messageId.equals(that.messageId)
            && client.equals(that.client) && size.equals(that.size) && host.equals(that.host) && address.equals(that.address)
            && tls.equals(that.tls) && reply.equals(that.reply);
    }

    @Override
    public int hashCode() {
        return Objects.hash(at, outcome, domain, sender, recipient, heldId, messageId);
    }

    @Override
    public String toString() {
        return at + " " + outcome.asString() + " " + domain + " <" + sender + "> " + recipient.orElse("") + " " + reply;
    }

    /** The fields of an event; every one but the outcome, the time and the domain may be left out. */
    public static final class Builder {
        private final TraceOutcome outcome;
        private final Instant at;
        private final String domain;
        private String sender = "";
        private Optional<String> recipient = Optional.empty();
        private Optional<String> heldId = Optional.empty();
        private Optional<String> messageId = Optional.empty();
        private Optional<String> client = Optional.empty();
        private Optional<Long> size = Optional.empty();
        private Optional<String> host = Optional.empty();
        private Optional<String> address = Optional.empty();
        private Optional<Boolean> tls = Optional.empty();
        private String reply = "";

        private Builder(TraceOutcome outcome, Instant at, String domain) {
            this.outcome = outcome;
            this.at = at;
            this.domain = Objects.requireNonNull(domain);
        }

        public Builder sender(String sender) {
            this.sender = Objects.requireNonNull(sender);
            return this;
        }

        public Builder recipient(String recipient) {
            this.recipient = Optional.of(recipient);
            return this;
        }

        public Builder heldId(String heldId) {
            this.heldId = Optional.of(heldId);
            return this;
        }

        public Builder messageId(Optional<String> messageId) {
            this.messageId = messageId.filter(id -> !id.isBlank());
            return this;
        }

        public Builder client(Optional<String> client) {
            this.client = client.filter(address -> !address.isBlank());
            return this;
        }

        public Builder size(long size) {
            this.size = Optional.of(size);
            return this;
        }

        public Builder host(String host) {
            this.host = Optional.of(host).filter(name -> !name.isBlank());
            return this;
        }

        public Builder address(String address) {
            this.address = Optional.of(address).filter(value -> !value.isBlank());
            return this;
        }

        public Builder tls(boolean tls) {
            this.tls = Optional.of(tls);
            return this;
        }

        public Builder reply(String reply) {
            this.reply = Objects.requireNonNull(reply);
            return this;
        }

        public TraceEvent build() {
            return new TraceEvent(this);
        }
    }
}
