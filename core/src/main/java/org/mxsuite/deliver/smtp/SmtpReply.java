package org.mxsuite.deliver.smtp;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A (possibly multi-line) SMTP reply. */
public final class SmtpReply {
    private static final Pattern ENHANCED = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private final int code;
    private final List<String> lines;

    public SmtpReply(int code, List<String> lines) {
        this.code = code;
        this.lines = List.copyOf(lines);
    }

    /** A reply we make up for a failure that had no reply (connection refused, timeout). */
    public static SmtpReply local(int code, String enhancedStatus, String text) {
        return new SmtpReply(code, List.of(enhancedStatus + " " + text));
    }

    public int code() {
        return code;
    }

    public boolean isPositive() {
        return code >= 200 && code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanent() {
        return code >= 500;
    }

    /** The text lines, without the code. */
    public List<String> lines() {
        return lines;
    }

    public Optional<String> enhancedStatus() {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = ENHANCED.matcher(lines.get(0));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** One line, as shown to administrators and written into DSNs: {@code 550 5.1.1 No such user}. */
    @Override
    public String toString() {
        return code + " " + String.join(" ", lines).trim();
    }
}
