package org.mxsuite.dnsbl;

import java.util.List;
import java.util.Optional;

/**
 * What the blocklists said of one client (or sender domain): the total weight of the sites that list it, the zone
 * to name in the refusal (the listing site of highest weight) and its TXT reason, and the zones whose answers could
 * not be used (error codes such as 127.255.255.254, failures, timeouts), which never block.
 */
public final class BlocklistVerdict {
    /** A zone that answered with an address that is no listing, such as Spamhaus's 127.255.255.254. */
    public static final class ErrorCode {
        private final String zone;
        private final String answer;

        public ErrorCode(String zone, String answer) {
            this.zone = zone;
            this.answer = answer;
        }

        public String zone() {
            return zone;
        }

        public String answer() {
            return answer;
        }

        @Override
        public String toString() {
            return zone + " answered " + answer;
        }
    }

    private final int score;
    private final int threshold;
    private final Optional<String> listedBy;
    private final Optional<String> reason;
    private final List<ErrorCode> errorCodes;
    private final List<String> unanswered;

    public BlocklistVerdict(int score, int threshold, Optional<String> listedBy, Optional<String> reason,
                            List<ErrorCode> errorCodes, List<String> unanswered) {
        this.score = score;
        this.threshold = threshold;
        this.listedBy = listedBy;
        this.reason = reason;
        this.errorCodes = List.copyOf(errorCodes);
        this.unanswered = List.copyOf(unanswered);
    }

    public static BlocklistVerdict clean(int threshold) {
        return new BlocklistVerdict(0, threshold, Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    /** Whether the score reaches the threshold. */
    public boolean blocked() {
        return listedBy.isPresent() && score >= threshold;
    }

    public int score() {
        return score;
    }

    public Optional<String> listedBy() {
        return listedBy;
    }

    /** The TXT record of the listing, where the zone has one. */
    public Optional<String> reason() {
        return reason;
    }

    public List<ErrorCode> errorCodes() {
        return errorCodes;
    }

    /** Zones that failed or did not answer in time. */
    public List<String> unanswered() {
        return unanswered;
    }

    @Override
    public String toString() {
        return "score " + score + "/" + threshold + listedBy.map(zone -> " listed by " + zone).orElse("")
            + (errorCodes.isEmpty() ? "" : " error codes " + errorCodes) + (unanswered.isEmpty() ? "" : " unanswered " + unanswered);
    }
}
