package org.mxsuite.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.InvalidSettingException;

class TraceCriteriaTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void everyCriterionIsReadInItsFormAndAddressesInLowerCase() {
        TraceQuery query = TraceCriteria.parse(Map.of("domain", "Backup.Example", "sender", "Alice@Sender.Example",
            "recipient", "bob@backup.example", "messageId", " <m1@x> ", "since", "2h", "until", "2026-12-05T11:30:00Z",
            "outcome", "Delivered", "limit", "20", "offset", "40"), CLOCK);

        assertThat(query.domain()).contains("backup.example");
        assertThat(query.sender()).contains("alice@sender.example");
        assertThat(query.recipient()).contains("bob@backup.example");
        assertThat(query.messageId()).contains("<m1@x>");
        assertThat(query.since()).contains(NOW.minus(Duration.ofHours(2)));
        assertThat(query.until()).contains(Instant.parse("2026-12-05T11:30:00Z"));
        assertThat(query.outcome()).contains(TraceOutcome.DELIVERED);
        assertThat(query.limit()).isEqualTo(20);
        assertThat(query.offset()).isEqualTo(40);
    }

    @Test
    void nothingGivenSearchesEverythingFromTheFirstPageAndTheNullSenderIsEmptyOrBrackets() {
        TraceQuery everything = TraceCriteria.parse(Map.of(), CLOCK);
        assertThat(everything.limit()).isEqualTo(TraceCriteria.DEFAULT_LIMIT);
        assertThat(everything.offset()).isZero();
        assertThat(everything.sender()).isEmpty();
        assertThat(TraceCriteria.parse(Map.of("sender", ""), CLOCK).sender()).contains("");
        assertThat(TraceCriteria.parse(Map.of("sender", "<>"), CLOCK).sender()).contains("");
    }

    @Test
    void aValueOutOfItsFormOrAnUnknownCriterionIsRefusedWithAMessageNamingIt() {
        assertRefused("domain", "not_a_domain!", "domain 'not_a_domain!' is not a domain name");
        assertRefused("sender", "not an address", "sender 'not an address' is not an email address");
        assertRefused("recipient", "nobody", "recipient 'nobody' is not an email address");
        assertRefused("since", "yesterday", "since must be an instant such as 2026-12-05T10:00:00Z or a duration back from now such as 2h"
            + " or 7d, was 'yesterday'");
        assertRefused("outcome", "lost", "outcome must be one of accepted, refused, held, delivered, deferred, failed, returned, dropped,"
            + " expired, was 'lost'");
        assertRefused("limit", "1001", "limit must be between 1 and 1000");
        assertRefused("offset", "next", "offset must be a whole number");
        assertRefused("messageId", " ", "messageId must not be empty");
        assertRefused("from", "alice@sender.example", "unknown parameter 'from'; the trace is searched by domain, sender, recipient,"
            + " messageId, since, until, outcome, limit, offset");
    }

    private static void assertRefused(String name, String value, String message) {
        assertThatThrownBy(() -> TraceCriteria.parse(Map.of(name, value), CLOCK))
            .isInstanceOf(InvalidSettingException.class).hasMessage(message);
    }
}
