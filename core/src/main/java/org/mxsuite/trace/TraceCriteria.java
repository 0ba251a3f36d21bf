package org.mxsuite.trace;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.domain.WholeNumbers;

/**
 * A trace search written as text, as WebAdmin's {@code GET /trace} and the control panel take it: one reading, one set
 * of messages. Every criterion given must match; {@code since} and {@code until} are instants (2026-12-05T10:00:00Z) or
 * durations back from now (2h, 7d); {@code sender} empty or {@code <>} asks for the null sender. A value out of its form,
 * or a criterion not known, is an {@link InvalidSettingException} whose message names it.
 */
public final class TraceCriteria {
    public static final int DEFAULT_LIMIT = 100;
    public static final List<String> PARAMETERS = List.of("domain", "sender", "recipient", "messageId", "since", "until", "outcome",
        "limit", "offset");

    private TraceCriteria() {
    }

    /** The query of {@code criteria} (name to value; absent names are not criteria), times back from {@code clock}'s now. */
    public static TraceQuery parse(Map<String, String> criteria, Clock clock) {
        for (String name : criteria.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new InvalidSettingException("unknown parameter '" + name + "'; the trace is searched by " + String.join(", ", PARAMETERS));
            }
        }
        TraceQuery.Builder query = TraceQuery.builder()
            .limit(WholeNumbers.parseWithin("limit", criteria.get("limit"), 1, TraceQuery.MAX_LIMIT, DEFAULT_LIMIT))
            .offset(WholeNumbers.parseWithin("offset", criteria.get("offset"), 0, Integer.MAX_VALUE, 0));
        String domain = criteria.get("domain");
        if (domain != null) {
            query.domain(domainOf(domain));
        }
        String sender = criteria.get("sender");
        if (sender != null) {
            query.sender(sender.isEmpty() || sender.equals("<>") ? "" : address("sender", sender));
        }
        String recipient = criteria.get("recipient");
        if (recipient != null) {
            query.recipient(address("recipient", recipient));
        }
        String messageId = criteria.get("messageId");
        if (messageId != null) {
            if (messageId.isBlank()) {
                throw new InvalidSettingException("messageId must not be empty");
            }
            query.messageId(messageId.trim());
        }
        String since = criteria.get("since");
        if (since != null) {
            query.since(time("since", since, clock));
        }
        String until = criteria.get("until");
        if (until != null) {
            query.until(time("until", until, clock));
        }
        String outcome = criteria.get("outcome");
        if (outcome != null) {
            query.outcome(TraceOutcome.parse(outcome)
                .orElseThrow(() -> new InvalidSettingException("outcome must be one of " + outcomes() + ", was '" + outcome + "'")));
        }
        return query.build();
    }

    private static String outcomes() {
        StringBuilder names = new StringBuilder();
        for (TraceOutcome outcome : TraceOutcome.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(outcome.asString());
        }
        return names.toString();
    }

    private static String domainOf(String raw) {
        try {
            return DomainName.of(raw).asString();
        } catch (InvalidSettingException e) {
            throw new InvalidSettingException("domain '" + raw + "' is not a domain name");
        }
    }

    private static String address(String name, String raw) {
        try {
            return new MailAddress(raw.trim()).asString();
        } catch (AddressException e) {
            throw new InvalidSettingException(name + " '" + raw + "' is not an email address");
        }
    }

    /** An instant, or a duration back from now. */
    private static Instant time(String name, String raw, Clock clock) {
        try {
            return Instant.parse(raw.trim());
        } catch (DateTimeParseException e) {
            try {
                return clock.instant().minus(Durations.parse(name, raw));
            } catch (InvalidSettingException notADuration) {
                throw new InvalidSettingException(name + " must be an instant such as 2026-12-05T10:00:00Z or a duration back from now"
                    + " such as 2h or 7d, was '" + raw + "'");
            }
        }
    }
}
