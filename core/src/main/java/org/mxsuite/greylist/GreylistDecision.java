package org.mxsuite.greylist;

import java.time.Duration;

/** What greylisting decided for one recipient, and for a deferral, how long the client should wait. */
public final class GreylistDecision {
    public enum Kind {
        /** an allow list matched */
        ALLOW_LISTED(true),
        /** the client's network passed often enough */
        AUTO_ALLOWED(true),
        /** a triplet that passed before */
        KNOWN(true),
        /** the retry of a new triplet came in time: it passes now */
        RETRIED(true),
        /** first sight (or starting over): deferred */
        NEW(false),
        /** a retry before the delay: deferred again */
        TOO_EARLY(false);

        private final boolean passes;

        Kind(boolean passes) {
            this.passes = passes;
        }

        public boolean passes() {
            return passes;
        }

        /** The metric and log name, e.g. {@code too_early}. */
        public String outcome() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final Duration retryAfter;

    private GreylistDecision(Kind kind, Duration retryAfter) {
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public static GreylistDecision pass(Kind kind) {
        return new GreylistDecision(kind, Duration.ZERO);
    }

    public static GreylistDecision defer(Kind kind, Duration retryAfter) {
        return new GreylistDecision(kind, retryAfter.isNegative() ? Duration.ZERO : retryAfter);
    }

    public Kind kind() {
        return kind;
    }

    public boolean passes() {
        return kind.passes();
    }

    /** For a deferral: the time left until a retry is accepted. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String toString() {
        return kind.outcome() + (passes() ? "" : " (retry in " + retryAfter.getSeconds() + "s)");
    }
}
