package org.mxsuite.deliver;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.core.MailAddress;

/** What a delivery status notification says about one recipient (RFC 3464 per-recipient fields). */
public final class RecipientStatus {
    public enum Action {
        FAILED("failed"),
        DELAYED("delayed");

        private final String value;

        Action(String value) {
            this.value = value;
        }

        /** The value of the {@code Action:} field. */
        public String value() {
            return value;
        }
    }

    // RFC 2034: the enhanced code follows the basic code on every reply line; its class must match the basic one.
    private static final Pattern ENHANCED = Pattern.compile("^([245])\\d\\d[ -]+([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
    private static final Pattern BASIC = Pattern.compile("^([2-5])\\d\\d(?!\\d)");
    private static final String EXPIRED = "4.4.7";

    private final MailAddress recipient;
    private final Action action;
    private final String status;
    private final Optional<String> reply;
    private final Optional<String> remoteMta;
    private final Optional<Instant> lastAttempt;
    private final Optional<Instant> willRetryUntil;
    private final boolean expired;

    private RecipientStatus(MailAddress recipient, Action action, String status, Optional<String> reply,
                            Optional<String> remoteMta, Optional<Instant> lastAttempt, Optional<Instant> willRetryUntil,
                            boolean expired) {
        this.recipient = Objects.requireNonNull(recipient, "recipient");
        this.action = action;
        this.status = status;
        this.reply = Objects.requireNonNull(reply, "reply");
        this.remoteMta = Objects.requireNonNull(remoteMta, "remoteMta");
        this.lastAttempt = Objects.requireNonNull(lastAttempt, "lastAttempt");
        this.willRetryUntil = Objects.requireNonNull(willRetryUntil, "willRetryUntil");
        this.expired = expired;
    }

    /**
     * The recipient was refused permanently (by the destination, or by an administrator); {@code lastAttempt} is
     * empty when no attempt is known (RFC 3464 2.3.7: the field is then left out).
     */
    public static RecipientStatus failed(MailAddress recipient, String smtpReply, Optional<String> remoteMta,
                                         Optional<Instant> lastAttempt) {
        Objects.requireNonNull(smtpReply, "smtpReply");
        return new RecipientStatus(recipient, Action.FAILED, parseStatus(smtpReply).orElse("5.0.0"),
            Optional.of(smtpReply), remoteMta, lastAttempt, Optional.empty(), false);
    }

    /**
     * Not delivered yet; we keep trying until {@code willRetryUntil}, or without a limit when it is empty (a domain
     * whose retention is {@code never}: RFC 3464 2.3.9 leaves the field out then). The time of the last attempt is
     * not kept per recipient, so the field is left out (RFC 3464 2.3.7).
     */
    public static RecipientStatus delayed(MailAddress recipient, Optional<String> lastReply, Optional<String> remoteMta,
                                          Optional<Instant> willRetryUntil) {
        // A delay is transient by definition, whatever the last reply claimed.
        String status = lastReply.flatMap(RecipientStatus::parseStatus)
            .filter(code -> code.startsWith("4."))
            .orElse("4.0.0");
        return new RecipientStatus(recipient, Action.DELAYED, status, lastReply, remoteMta, Optional.empty(),
            willRetryUntil, false);
    }

    /**
     * Held past the retention limit: we give up without a permanent refusal (RFC 3463 4.4.7). The time of the last
     * attempt is not kept per recipient, so the field is left out (RFC 3464 2.3.7).
     */
    public static RecipientStatus expired(MailAddress recipient, Optional<String> lastReply, Optional<String> remoteMta) {
        // A permanent last reply is the more useful explanation, so it wins over "expired".
        String status = lastReply.flatMap(RecipientStatus::parseStatus)
            .filter(code -> code.startsWith("5."))
            .orElse(EXPIRED);
        return new RecipientStatus(recipient, Action.FAILED, status, lastReply, remoteMta, Optional.empty(),
            Optional.empty(), true);
    }

    /**
     * The RFC 3463 status of an SMTP reply: its enhanced status code if it has one, else {@code c.0.0} from the
     * class of its basic code.
     *
     * @throws IllegalArgumentException if the reply has no 2xx, 4xx or 5xx code
     */
    public static String statusOf(String smtpReply) {
        return parseStatus(smtpReply)
            .orElseThrow(() -> new IllegalArgumentException("No SMTP reply code in '" + smtpReply + "'"));
    }

    private static Optional<String> parseStatus(String smtpReply) {
        if (smtpReply == null) {
            return Optional.empty();
        }
        String reply = smtpReply.strip();
        for (String line : reply.split("\r\n|\r|\n")) {
            Matcher enhanced = ENHANCED.matcher(line);
            if (enhanced.find() && enhanced.group(1).equals(enhanced.group(2))) {
                return Optional.of(enhanced.group(2) + "." + Integer.parseInt(enhanced.group(3))
                    + "." + Integer.parseInt(enhanced.group(4)));
            }
        }
        Matcher basic = BASIC.matcher(reply);
        if (basic.find() && !basic.group(1).equals("3")) {
            return Optional.of(basic.group(1) + ".0.0");
        }
        return Optional.empty();
    }

    public MailAddress recipient() {
        return recipient;
    }

    public Action action() {
        return action;
    }

    /** The RFC 3463 status code, e.g. {@code 5.1.1}. */
    public String status() {
        return status;
    }

    /** The destination's last SMTP reply, as received (possibly multi-line). */
    public Optional<String> reply() {
        return reply;
    }

    public Optional<String> remoteMta() {
        return remoteMta;
    }

    /** Empty when no attempt is known. */
    public Optional<Instant> lastAttempt() {
        return lastAttempt;
    }

    /** Present for delays with a retention limit only. */
    public Optional<Instant> willRetryUntil() {
        return willRetryUntil;
    }

    /** Whether we gave up because the message was held too long, rather than because it was refused. */
    public boolean expired() {
        return expired;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RecipientStatus)) {
            return false;
        }
        RecipientStatus that = (RecipientStatus) o;
        return expired == that.expired && recipient.equals(that.recipient) && action == that.action
            && status.equals(that.status) && reply.equals(that.reply) && remoteMta.equals(that.remoteMta)
            && lastAttempt.equals(that.lastAttempt) && willRetryUntil.equals(that.willRetryUntil);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipient, action, status, reply, remoteMta, lastAttempt, willRetryUntil, expired);
    }

    @Override
    public String toString() {
        return recipient + " " + action.value() + " " + status + reply.map(r -> " (" + r + ")").orElse("");
    }
}
