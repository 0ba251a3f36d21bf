package org.mxsuite.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What every {@link TraceStore} does, whatever keeps the data. */
public interface TraceStoreContract {
    Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    TraceStore store();

    /** The store as another node sharing the same data sees it (the same store where there is one node only). */
    default TraceStore otherNode() {
        return store();
    }

    static TraceEvent.Builder event(TraceOutcome outcome, Instant at, String recipient) {
        return TraceEvent.builder(outcome, at, recipient.substring(recipient.indexOf('@') + 1))
            .sender("alice@sender.example").recipient(recipient);
    }

    /** A message's life: accepted, held as h1, deferred, delivered over TLS. */
    private void oneMessageLife() {
        store().add(List.of(
            event(TraceOutcome.ACCEPTED, T0, "bob@backup.example").messageId(Optional.of("<m1@sender.example>"))
                .client(Optional.of("192.0.2.1")).size(1234).build(),
            event(TraceOutcome.HELD, T0, "bob@backup.example").messageId(Optional.of("<m1@sender.example>")).heldId("h1").size(1234).build(),
            event(TraceOutcome.DEFERRED, T0.plusSeconds(60), "bob@backup.example").heldId("h1").reply("421 4.4.1 cannot connect").build()));
        otherNode().add(List.of(
            event(TraceOutcome.DELIVERED, T0.plusSeconds(120), "bob@backup.example").heldId("h1").host("mx.backup.example")
                .address("192.0.2.25").tls(true).reply("250 2.0.0 queued").build()));
    }

    @Test
    default void everyFieldIsKeptAndEventsComeNewestFirst() {
        oneMessageLife();

        List<TraceEvent> events = store().search(TraceQuery.builder().build());

        assertThat(events).extracting(TraceEvent::outcome)
            .containsExactly(TraceOutcome.DELIVERED, TraceOutcome.DEFERRED, TraceOutcome.HELD, TraceOutcome.ACCEPTED);
        TraceEvent delivered = events.get(0);
        assertThat(delivered.at()).isEqualTo(T0.plusSeconds(120));
        assertThat(delivered.domain()).isEqualTo("backup.example");
        assertThat(delivered.sender()).isEqualTo("alice@sender.example");
        assertThat(delivered.recipient()).hasValue("bob@backup.example");
        assertThat(delivered.heldId()).hasValue("h1");
        assertThat(delivered.host()).hasValue("mx.backup.example");
        assertThat(delivered.address()).hasValue("192.0.2.25");
        assertThat(delivered.tls()).hasValue(true);
        assertThat(delivered.reply()).isEqualTo("250 2.0.0 queued");
        assertThat(delivered.messageId()).isEmpty();
        assertThat(delivered.size()).isEmpty();
        TraceEvent accepted = events.get(3);
        assertThat(accepted.client()).hasValue("192.0.2.1");
        assertThat(accepted.size()).hasValue(1234L);
        assertThat(accepted.messageId()).hasValue("<m1@sender.example>");
        assertThat(accepted.tls()).isEmpty();
        assertThat(accepted).isEqualTo(event(TraceOutcome.ACCEPTED, T0, "bob@backup.example").messageId(Optional.of("<m1@sender.example>"))
            .client(Optional.of("192.0.2.1")).size(1234).build());
    }

    @Test
    default void aMessageIdFindsTheWholeLifeOfItsHeldMessages() {
        oneMessageLife();
        store().add(List.of(event(TraceOutcome.HELD, T0, "carol@backup.example").messageId(Optional.of("<m2@sender.example>"))
            .heldId("h2").build()));

        assertThat(store().search(TraceQuery.builder().messageId("<m1@sender.example>").build())).hasSize(4)
            .allMatch(event -> event.recipient().equals(Optional.of("bob@backup.example")));
        assertThat(store().search(TraceQuery.builder().messageId("<nothing@sender.example>").build())).isEmpty();
    }

    @Test
    default void searchesBySenderRecipientDomainAndOutcomeIgnoreCase() {
        oneMessageLife();
        store().add(List.of(
            TraceEvent.builder(TraceOutcome.REFUSED, T0, "other.example").sender("").recipient("Dave@Other.example")
                .client(Optional.of("203.0.113.9")).reply("450 4.7.1 greylisted").build()));

        assertThat(store().search(TraceQuery.builder().sender("ALICE@sender.example").build())).hasSize(4);
        assertThat(store().search(TraceQuery.builder().sender("").build())).extracting(TraceEvent::outcome).containsExactly(TraceOutcome.REFUSED);
        assertThat(store().search(TraceQuery.builder().recipient("dave@other.EXAMPLE").build())).hasSize(1);
        assertThat(store().search(TraceQuery.builder().domain("Backup.Example").build())).hasSize(4);
        assertThat(store().search(TraceQuery.builder().domain("backup.example").outcome(TraceOutcome.DEFERRED).build()))
            .extracting(TraceEvent::reply).containsExactly("421 4.4.1 cannot connect");
        assertThat(store().search(TraceQuery.builder().outcome(TraceOutcome.REFUSED).build()).get(0).reply()).isEqualTo("450 4.7.1 greylisted");
    }

    @Test
    default void aTimeRangeIncludesItsStartAndExcludesItsEnd() {
        oneMessageLife();

        assertThat(store().search(TraceQuery.builder().since(T0.plusSeconds(60)).until(T0.plusSeconds(120)).build()))
            .extracting(TraceEvent::outcome).containsExactly(TraceOutcome.DEFERRED);
        assertThat(store().search(TraceQuery.builder().until(T0.plusSeconds(1)).build())).hasSize(2);
    }

    @Test
    default void pagesFollowOneAnother() {
        for (int i = 0; i < 5; i++) {
            store().add(List.of(event(TraceOutcome.ACCEPTED, T0.plusSeconds(i), "r" + i + "@backup.example").build()));
        }

        assertThat(store().search(TraceQuery.builder().limit(2).build())).extracting(event -> event.recipient().get())
            .containsExactly("r4@backup.example", "r3@backup.example");
        assertThat(store().search(TraceQuery.builder().limit(2).offset(2).build())).extracting(event -> event.recipient().get())
            .containsExactly("r2@backup.example", "r1@backup.example");
        assertThat(store().search(TraceQuery.builder().limit(2).offset(4).build())).hasSize(1);
        assertThat(store().search(TraceQuery.builder().limit(2).offset(6).build())).isEmpty();
    }

    @Test
    default void eventsOfOneTimeKeepTheirOrder() {
        Instant at = T0.plus(Duration.ofMinutes(5));
        store().add(List.of(event(TraceOutcome.ACCEPTED, at, "bob@backup.example").build(),
            event(TraceOutcome.HELD, at, "bob@backup.example").build()));

        assertThat(store().search(TraceQuery.builder().build())).extracting(TraceEvent::outcome)
            .containsExactly(TraceOutcome.HELD, TraceOutcome.ACCEPTED);
    }

    @Test
    default void eventsBeforeACutoffAreRemoved() {
        oneMessageLife();

        assertThat(otherNode().removeBefore(T0.plusSeconds(60))).isEqualTo(2);

        assertThat(store().search(TraceQuery.builder().build())).extracting(TraceEvent::outcome)
            .containsExactly(TraceOutcome.DELIVERED, TraceOutcome.DEFERRED);
    }

    @Test
    default void overlongFieldsAreCutToTheirColumnsRatherThanFailTheBatch() {
        String local = "x".repeat(600);
        store().add(List.of(TraceEvent.builder(TraceOutcome.REFUSED, T0, "backup.example").sender(local + "@sender.example")
            .recipient(local + "@backup.example").client(Optional.of("1".repeat(100))).build()));

        TraceEvent kept = store().search(TraceQuery.builder().build()).get(0);
        assertThat(kept.sender()).hasSize(TraceEvent.MAX_ADDRESS);
        assertThat(kept.recipient().get()).hasSize(TraceEvent.MAX_ADDRESS);
    }

    @Test
    default void aLongReplyIsShortenedToOneLine() {
        String reply = "550-5.1.1 first line\r\n550 5.1.1 " + "x".repeat(2000);
        store().add(List.of(event(TraceOutcome.FAILED, T0, "bob@backup.example").reply(reply).build()));

        String kept = store().search(TraceQuery.builder().build()).get(0).reply();
        assertThat(kept).hasSize(TraceEvent.MAX_TEXT).startsWith("550-5.1.1 first line  550 5.1.1 x").doesNotContain("\n");
    }
}
