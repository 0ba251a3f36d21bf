package org.mxsuite.scan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** rspamd's judgement of a message: its action, score, the score that makes spam, and the symbols that matched. */
public final class SpamVerdict {
    private final SpamAction action;
    private final double score;
    private final double requiredScore;
    private final List<String> symbols;
    private final Optional<String> smtpMessage;

    public SpamVerdict(SpamAction action, double score, double requiredScore, List<String> symbols, Optional<String> smtpMessage) {
        this.action = action;
        this.score = score;
        this.requiredScore = requiredScore;
        this.symbols = List.copyOf(symbols);
        this.smtpMessage = smtpMessage;
    }

    public SpamAction action() {
        return action;
    }

    public double score() {
        return score;
    }

    public double requiredScore() {
        return requiredScore;
    }

    /** The names of the symbols that matched, highest score first. */
    public List<String> symbols() {
        return symbols;
    }

    /** The reply text a rule asked for ({@code messages.smtp_message}), if any. */
    public Optional<String> smtpMessage() {
        return smtpMessage;
    }

    /** A score as the headers write it: {@code 8.00}. */
    public static String format(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    @Override
    public String toString() {
        return action.wireName() + " (score " + format(score) + " / " + format(requiredScore) + ", " + String.join(",", symbols) + ")";
    }
}
