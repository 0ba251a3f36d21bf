package org.mxsuite.trace;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A trace search: every criterion given must match (sender and recipient exactly, ignoring case), events newest
 * first, {@code limit} of them from {@code offset}. A message-id matches the events that carry it and every event of
 * the held messages that carry it (their delivery attempts name only the held message).
 */
public final class TraceQuery {
    public static final int MAX_LIMIT = 1000;

    private final Optional<String> domain;
    private final Optional<String> sender;
    private final Optional<String> recipient;
    private final Optional<String> messageId;
    private final Optional<Instant> since;
    private final Optional<Instant> until;
    private final Optional<TraceOutcome> outcome;
    private final int limit;
    private final int offset;

    private TraceQuery(Builder builder) {
        this.domain = builder.domain.map(TraceQuery::lower);
        this.sender = builder.sender.map(TraceQuery::lower);
        this.recipient = builder.recipient.map(TraceQuery::lower);
        this.messageId = builder.messageId;
        this.since = builder.since;
        this.until = builder.until;
        this.outcome = builder.outcome;
        if (builder.limit < 1 || builder.limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
        }
        if (builder.offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        this.limit = builder.limit;
        this.offset = builder.offset;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    public Optional<String> domain() {
        return domain;
    }

    /** The envelope sender; "" asks for the null sender. */
    public Optional<String> sender() {
        return sender;
    }

    public Optional<String> recipient() {
        return recipient;
    }

    public Optional<String> messageId() {
        return messageId;
    }

    /** Events at or after. */
    public Optional<Instant> since() {
        return since;
    }

    /** Events before. */
    public Optional<Instant> until() {
        return until;
    }

    public Optional<TraceOutcome> outcome() {
        return outcome;
    }

    public int limit() {
        return limit;
    }

    public int offset() {
        return offset;
    }

    /** The same search, one event more: whether a next page exists. */
    public TraceQuery oneMore() {
        Builder builder = toBuilder();
        builder.limit = limit + 1;
        return new TraceQuery(builder);
    }

    private Builder toBuilder() {
        Builder builder = new Builder();
        builder.domain = domain;
        builder.sender = sender;
        builder.recipient = recipient;
        builder.messageId = messageId;
        builder.since = since;
        builder.until = until;
        builder.outcome = outcome;
        builder.limit = limit;
        builder.offset = offset;
        return builder;
    }

    /** Whether the event meets every criterion but the message-id (which needs the other events). */
    boolean matchesFields(TraceEvent event) {
        return domain.map(event.domain()::equals).orElse(true)
            && sender.map(event.sender()::equals).orElse(true)
            && recipient.map(wanted -> event.recipient().filter(wanted::equals).isPresent()).orElse(true)
            && since.map(start -> !event.at().isBefore(start)).orElse(true)
            && until.map(event.at()::isBefore).orElse(true)
            && outcome.map(wanted -> event.outcome() == wanted).orElse(true);
    }

    public static final class Builder {
        private Optional<String> domain = Optional.empty();
        private Optional<String> sender = Optional.empty();
        private Optional<String> recipient = Optional.empty();
        private Optional<String> messageId = Optional.empty();
        private Optional<Instant> since = Optional.empty();
        private Optional<Instant> until = Optional.empty();
        private Optional<TraceOutcome> outcome = Optional.empty();
        private int limit = 100;
        private int offset;

        public Builder domain(String domain) {
            this.domain = Optional.of(domain);
            return this;
        }

        public Builder sender(String sender) {
            this.sender = Optional.of(sender);
            return this;
        }

        public Builder recipient(String recipient) {
            this.recipient = Optional.of(recipient);
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = Optional.of(messageId);
            return this;
        }

        public Builder since(Instant since) {
            this.since = Optional.of(since);
            return this;
        }

        public Builder until(Instant until) {
            this.until = Optional.of(until);
            return this;
        }

        public Builder outcome(TraceOutcome outcome) {
            this.outcome = Optional.of(outcome);
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder offset(int offset) {
            this.offset = offset;
            return this;
        }

        public TraceQuery build() {
            return new TraceQuery(this);
        }
    }
}
