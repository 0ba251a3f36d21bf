package org.mxsuite.hold;

import org.mxsuite.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;

/** What every {@link HoldQueue} does, whatever keeps the data. Time is the {@link #clock()}. */
public interface HoldQueueContract {
    DomainName EXAMPLE = DomainName.of("example.com");
    DomainName OTHER = DomainName.of("other.example");
    Duration LEASE = Duration.ofMinutes(5);

    HoldQueue queue();

    MutableClock clock();

    static MailAddress address(String value) {
        try {
            return new MailAddress(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    default HeldMessageId hold(DomainName domain, String content, String... recipients) throws IOException {
        List<MailAddress> addresses = new ArrayList<>();
        for (String recipient : recipients) {
            addresses.add(address(recipient));
        }
        return queue().hold(domain, MaybeSender.of(address("sender@sender.example")), addresses,
            new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    default String content(HeldMessageId id) throws IOException {
        return queue().readContent(id, input -> new String(input.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    default void aHeldMessageKeepsItsOrigin() throws IOException {
        MaybeSender given = MaybeSender.of(address("alice@orig.example"));
        HeldMessageId forwarded = queue().hold(EXAMPLE, MaybeSender.of(address("SRS0=AAAAAA=AA=orig.example=alice@srs.example")),
            List.of(address("a@example.com")), Origin.unauthenticated("192.0.2.7", given),
            new ByteArrayInputStream("Subject: hi\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
        HeldMessageId trusted = hold(EXAMPLE, "Subject: hi\r\n\r\n", "b@example.com");

        assertThat(queue().origin(forwarded)).contains(Origin.unauthenticated("192.0.2.7", given));
        assertThat(queue().origin(trusted)).contains(Origin.TRUSTED);
        queue().remove(forwarded);
        assertThat(queue().origin(forwarded)).isEmpty();
    }

    @Test
    default void aHeldMessageKeepsItsEnvelopeAndContent() throws IOException {
        HeldMessageId id = hold(EXAMPLE, "Subject: hi\r\n\r\nbody\r\n", "a@example.com", "b@example.com");

        HeldMessage message = queue().get(id).orElseThrow();
        assertThat(message.domain()).isEqualTo(EXAMPLE);
        assertThat(message.sender().asString()).isEqualTo("sender@sender.example");
        assertThat(message.size()).isEqualTo(21);
        assertThat(message.receivedAt()).isEqualTo(clock().instant());
        assertThat(message.recipients()).extracting(recipient -> recipient.address().asString())
            .containsExactly("a@example.com", "b@example.com");
        assertThat(message.recipients()).allMatch(recipient -> recipient.attempts() == 0 && recipient.lastReply().isEmpty());
        assertThat(content(id)).isEqualTo("Subject: hi\r\n\r\nbody\r\n");
    }

    @Test
    default void aRecipientNamedTwiceIsHeldOnce() throws IOException {
        // RCPT TO repeated, or two addresses of a forward domain with one target
        HeldMessageId id = hold(EXAMPLE, "1", "a@example.com", "b@example.com", "a@example.com");

        assertThat(queue().get(id).orElseThrow().recipients()).extracting(recipient -> recipient.address().asString())
            .containsExactly("a@example.com", "b@example.com");
    }

    /** A file as the embedded server's spool writes it: an envelope, the content, then its 16-byte trailer. */
    static java.nio.file.Path spoolFile(String content, boolean whole) throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("mxsuite-spool", ".spool");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(20 + bytes.length + 16);
        buffer.put("envelope: anything\r\n".getBytes(StandardCharsets.US_ASCII), 0, 20).put(bytes).putLong(bytes.length);
        buffer.putLong(whole ? 0x4d5853454e440aL : 0L);
        java.nio.file.Files.write(file, buffer.array());
        return file;
    }

    default HeldMessageId holdSpooled(java.nio.file.Path file, long length, String... recipients) throws IOException {
        List<MailAddress> addresses = new ArrayList<>();
        for (String recipient : recipients) {
            addresses.add(address(recipient));
        }
        MaybeSender sender = MaybeSender.of(address("sender@sender.example"));
        return queue().holdSpooled(HandOff.of("Mail-" + file.getFileName(), sender, addresses), EXAMPLE, sender, addresses,
            Origin.TRUSTED, new SpoolFileContent(file, length));
    }

    default HeldMessageId handOver(HandOff handOff, DomainName domain, String content, String recipient) throws IOException {
        return queue().hold(handOff, domain, MaybeSender.of(address("sender@sender.example")), List.of(address(recipient)),
            Origin.TRUSTED, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    static HandOff handOff(String mailName, String recipient) {
        return HandOff.of(mailName, MaybeSender.of(address("sender@sender.example")), List.of(address(recipient)));
    }

    @Test
    default void aHandOffIsRememberedWithTheMessageItHeld() throws IOException {
        HandOff handOff = handOff("Mail1-a", "a@example.com");
        assertThat(queue().heldAs(handOff, EXAMPLE)).isEmpty();

        HeldMessageId id = handOver(handOff, EXAMPLE, "1", "a@example.com");

        assertThat(queue().heldAs(handOff, EXAMPLE)).contains(id);
        assertThat(queue().heldAs(handOff, OTHER)).as("per domain").isEmpty();
        assertThat(queue().heldAs(handOff("Mail1-b", "a@example.com"), EXAMPLE)).as("another mail").isEmpty();
    }

    @Test
    default void aHandOffIsRememberedOnceItsMessageLeftTheQueue() throws IOException {
        // a mail delivered between the hold and a crash is not held again when the spool hands it over again
        HandOff handOff = handOff("Mail2", "a@example.com");
        HeldMessageId id = handOver(handOff, EXAMPLE, "1", "a@example.com");

        queue().remove(id);

        assertThat(queue().heldAs(handOff, EXAMPLE)).contains(id);
    }

    @Test
    default void theSameHandOffCannotBeHeldTwice() throws IOException {
        HandOff handOff = handOff("Mail3", "a@example.com");
        handOver(handOff, EXAMPLE, "1", "a@example.com");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handOver(handOff, EXAMPLE, "1", "a@example.com"))
            .isInstanceOf(RuntimeException.class);
        assertThat(queue().usage(EXAMPLE).messages()).isEqualTo(1);
    }

    @Test
    default void oldHandOffsAreForgotten() throws IOException {
        HandOff old = handOff("Mail4-old", "a@example.com");
        handOver(old, EXAMPLE, "1", "a@example.com");
        clock().advance(Duration.ofDays(8));
        HandOff recent = handOff("Mail4-recent", "a@example.com");
        handOver(recent, EXAMPLE, "1", "a@example.com");

        assertThat(queue().forgetHandOffs(clock().instant().minus(Duration.ofDays(7)))).isEqualTo(1);

        assertThat(queue().heldAs(old, EXAMPLE)).isEmpty();
        assertThat(queue().heldAs(recent, EXAMPLE)).isPresent();
    }

    @Test
    default void aMessageHeldFromASpoolFileKeepsItsContentOnceTheSpoolForgetsTheFile() throws IOException {
        String body = "Subject: spooled\r\n\r\nbody\r\n";
        java.nio.file.Path file = spoolFile(body, true);

        HeldMessageId id = holdSpooled(file, body.length(), "a@example.com");
        java.nio.file.Files.delete(file);

        assertThat(queue().get(id).orElseThrow().size()).isEqualTo(body.length());
        assertThat(content(id)).isEqualTo(body);
        assertThat(queue().remove(id)).isPresent();
        assertThat(queue().get(id)).isEmpty();
    }

    @Test
    default void aSpoolFileThatIsNotWholeOrNotOfThatLengthIsNotHeld() throws IOException {
        String body = "Subject: cut\r\n\r\nbody\r\n";
        java.nio.file.Path unfinished = spoolFile(body, false);
        java.nio.file.Path whole = spoolFile(body, true);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> holdSpooled(unfinished, body.length(), "a@example.com"))
                .isInstanceOf(IOException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> holdSpooled(whole, body.length() + 1, "a@example.com"))
                .isInstanceOf(IOException.class);
            assertThat(queue().usage(EXAMPLE)).isEqualTo(QueueUsage.EMPTY);
        } finally {
            java.nio.file.Files.delete(unfinished);
            java.nio.file.Files.delete(whole);
        }
    }

    @Test
    default void anUnsyncedRecordIsARecordOnceWritten() throws Exception {
        HeldMessageId id = hold(EXAMPLE, "Subject: later\r\n\r\nx\r\n", "a@example.com", "b@example.com");
        List<HeldMessage> claimed = queue().claim(EXAMPLE, clock().instant(), 10, "node", Duration.ofMinutes(1));
        assertThat(claimed).hasSize(1);

        assertThat(queue().recordUnsynced(id, List.of(Outcome.delivered(address("a@example.com"), "250 ok")))).isFalse();
        queue().written().get(10, TimeUnit.SECONDS);

        assertThat(queue().get(id).orElseThrow().recipients()).extracting(HeldRecipient::address)
            .containsExactly(address("b@example.com"));
        assertThat(queue().recordUnsynced(id, List.of(Outcome.delivered(address("b@example.com"), "250 ok")))).isTrue();
        assertThat(queue().get(id)).isEmpty();
    }

    @Test
    default void theNullSenderIsKept() throws IOException {
        HeldMessageId id = queue().hold(EXAMPLE, MaybeSender.nullSender(), List.of(address("a@example.com")),
            new ByteArrayInputStream(new byte[] {'x'}));

        assertThat(queue().get(id).orElseThrow().sender().isNullSender()).isTrue();
    }

    @Test
    default void largeContentIsStreamedThroughUnchanged() throws IOException {
        byte[] content = new byte[3 * 1024 * 1024];
        new Random(42).nextBytes(content);
        HeldMessageId id = queue().hold(EXAMPLE, MaybeSender.nullSender(), List.of(address("a@example.com")),
            new ByteArrayInputStream(content));

        assertThat(queue().get(id).orElseThrow().size()).isEqualTo(content.length);
        byte[] read = queue().readContent(id, input -> input.readAllBytes());
        assertThat(read).isEqualTo(content);
    }

    @Test
    default void usageCountsMessagesAndBytesPerDomain() throws IOException {
        hold(EXAMPLE, "12345", "a@example.com");
        hold(EXAMPLE, "123", "a@example.com", "b@example.com");
        hold(OTHER, "1", "a@other.example");

        assertThat(queue().usage(EXAMPLE)).isEqualTo(new QueueUsage(2, 8));
        assertThat(queue().usage(DomainName.of("empty.example"))).isEqualTo(QueueUsage.EMPTY);
        assertThat(queue().usageByDomain()).containsOnly(java.util.Map.entry(EXAMPLE, new QueueUsage(2, 8)),
            java.util.Map.entry(OTHER, new QueueUsage(1, 1)));
    }

    @Test
    default void listIsPerDomainOldestFirstAndPaged() throws IOException {
        HeldMessageId first = hold(EXAMPLE, "1", "a@example.com");
        clock().advance(Duration.ofSeconds(1));
        HeldMessageId second = hold(EXAMPLE, "2", "a@example.com");
        hold(OTHER, "3", "a@other.example");

        assertThat(queue().list(EXAMPLE, 0, 10)).extracting(HeldMessage::id).containsExactly(first, second);
        assertThat(queue().list(EXAMPLE, 1, 10)).extracting(HeldMessage::id).containsExactly(second);
        assertThat(queue().list(EXAMPLE, 0, 1)).extracting(HeldMessage::id).containsExactly(first);
    }

    @Test
    default void aNewMessageIsDueAtOnce() throws IOException {
        hold(EXAMPLE, "1", "a@example.com");

        assertThat(queue().dueTimes()).containsEntry(EXAMPLE, clock().instant());
        assertThat(queue().claim(EXAMPLE, clock().instant(), 10, "node-1", LEASE)).hasSize(1);
    }

    @Test
    default void aClaimedMessageCannotBeClaimedAgainWhileItsLeaseLives() throws IOException {
        HeldMessageId id = hold(EXAMPLE, "1", "a@example.com");

        assertThat(queue().claim(EXAMPLE, clock().instant(), 10, "node-1", LEASE)).extracting(HeldMessage::id).containsExactly(id);
        assertThat(queue().claim(EXAMPLE, clock().instant(), 10, "node-2", LEASE)).isEmpty();

        clock().advance(LEASE.plusSeconds(1));
        assertThat(queue().claim(EXAMPLE, clock().instant(), 10, "node-2", LEASE))
            .as("the lease of a node that died expires").extracting(HeldMessage::id).containsExactly(id);
    }

    @Test
    default void aMessageClaimedByIdIsNobodyElsesWhileItsLeaseLives() throws IOException {
        HeldMessageId delivering = hold(EXAMPLE, "1", "a@example.com");
        HeldMessageId idle = hold(EXAMPLE, "2", "b@example.com");
        queue().record(idle, List.of(Outcome.deferred(address("b@example.com"), "451 4.3.0 later",
            clock().instant().plus(Duration.ofHours(1)))));
        assertThat(queue().claim(EXAMPLE, clock().instant(), 1, "node-1", LEASE)).extracting(HeldMessage::id).containsExactly(delivering);

        assertThat(queue().claimMessage(delivering, clock().instant(), "node-2", LEASE)).as("leased by a delivery").isFalse();
        assertThat(queue().claimMessage(idle, clock().instant(), "node-2", LEASE)).as("not due, but not leased").isTrue();
        assertThat(queue().claimMessage(idle, clock().instant(), "node-3", LEASE)).isFalse();

        clock().advance(LEASE.plusSeconds(1));
        assertThat(queue().claimMessage(delivering, clock().instant(), "node-2", LEASE)).as("the lease lapsed").isTrue();
        assertThat(queue().claim(EXAMPLE, clock().instant(), 10, "node-1", LEASE)).isEmpty();
    }

    @Test
    default void aRenewedLeaseLivesOnAndOnlyTheOwnersLeaseIsRenewed() throws IOException {
        HeldMessageId mine = hold(EXAMPLE, "1", "a@example.com");
        assertThat(queue().claim(EXAMPLE, clock().instant(), 1, "node-1", LEASE)).extracting(HeldMessage::id).containsExactly(mine);
        HeldMessageId theirs = hold(EXAMPLE, "2", "b@example.com");
        assertThat(queue().claim(EXAMPLE, clock().instant(), 1, "node-2", LEASE)).extracting(HeldMessage::id).containsExactly(theirs);

        clock().advance(LEASE.dividedBy(2));
        assertThat(queue().renewLeases("node-1", List.of(mine, theirs), clock().instant(), LEASE)).as("node-1's only").isEqualTo(1);
        clock().advance(LEASE.dividedBy(2).plusSeconds(1));

        assertThat(queue().claim(EXAMPLE, clock().instant(), 10, "node-3", LEASE))
            .as("node-2 stopped renewing: its lease expired; node-1's lives on").extracting(HeldMessage::id).containsExactly(theirs);
        clock().advance(LEASE.dividedBy(2));
        assertThat(queue().claim(EXAMPLE, clock().instant(), 10, "node-3", LEASE)).extracting(HeldMessage::id).containsExactly(mine);
    }

    @Test
    default void claimReturnsOnlyTheDueRecipients() throws IOException {
        HeldMessageId id = hold(EXAMPLE, "1", "a@example.com", "b@example.com");
        queue().claim(EXAMPLE, clock().instant(), 10, "node-1", LEASE);
        queue().record(id, List.of(Outcome.deferred(address("a@example.com"), "451 4.3.0 later", clock().instant().plus(Duration.ofMinutes(10))),
            Outcome.deferred(address("b@example.com"), "451 4.3.0 later", clock().instant().plus(Duration.ofMinutes(1)))));

        clock().advance(Duration.ofMinutes(2));
        List<HeldMessage> claimed = queue().claim(EXAMPLE, clock().instant(), 10, "node-1", LEASE);

        assertThat(claimed).hasSize(1);
        assertThat(claimed.get(0).recipients()).extracting(recipient -> recipient.address().asString()).containsExactly("b@example.com");
    }

    @Test
    default void deliveredRecipientsLeaveAndTheLastOneTakesTheMessage() throws IOException {
        HeldMessageId id = hold(EXAMPLE, "1", "a@example.com", "b@example.com");
        queue().claim(EXAMPLE, clock().instant(), 10, "node-1", LEASE);

        assertThat(queue().record(id, List.of(Outcome.delivered(address("a@example.com"), "250 2.0.0 ok"))))
            .as("a recipient is left").isFalse();
        assertThat(queue().get(id).orElseThrow().recipients()).extracting(recipient -> recipient.address().asString())
            .containsExactly("b@example.com");

        queue().claim(EXAMPLE, clock().instant(), 10, "node-1", LEASE);
        assertThat(queue().record(id, List.of(Outcome.failed(address("b@example.com"), "550 5.1.1 no such user"))))
            .as("the message is gone").isTrue();
        assertThat(queue().get(id)).isEmpty();
        assertThat(queue().usage(EXAMPLE)).isEqualTo(QueueUsage.EMPTY);
        assertThat(queue().dueTimes()).doesNotContainKey(EXAMPLE);
    }

    @Test
    default void aDeferredRecipientKeepsItsHistoryAndWaits() throws IOException {
        HeldMessageId id = hold(EXAMPLE, "1", "a@example.com");
        queue().claim(EXAMPLE, clock().instant(), 10, "node-1", LEASE);
        Instant next = clock().instant().plus(Duration.ofMinutes(10));

        queue().record(id, List.of(Outcome.deferred(address("a@example.com"), "421 4.4.2 timeout", next)));

        HeldRecipient recipient = queue().get(id).orElseThrow().recipients().get(0);
        assertThat(recipient.attempts()).isEqualTo(1);
        assertThat(recipient.lastReply()).contains("421 4.4.2 timeout");
        assertThat(recipient.nextAttempt()).isEqualTo(next);
        assertThat(queue().claim(EXAMPLE, clock().instant(), 10, "node-1", LEASE)).as("released but not due").isEmpty();
        assertThat(queue().dueTimes()).containsEntry(EXAMPLE, next);
    }

    @Test
    default void flushMakesEveryRecipientOfTheDomainDue() throws IOException {
        HeldMessageId id = hold(EXAMPLE, "1", "a@example.com");
        queue().claim(EXAMPLE, clock().instant(), 10, "node-1", LEASE);
        queue().record(id, List.of(Outcome.deferred(address("a@example.com"), "451 later", clock().instant().plus(Duration.ofHours(1)))));

        assertThat(queue().flush(EXAMPLE, clock().instant())).isEqualTo(1);

        assertThat(queue().claim(EXAMPLE, clock().instant(), 10, "node-1", LEASE)).extracting(HeldMessage::id).containsExactly(id);
    }

    @Test
    default void releaseMakesAMessageClaimableAgain() throws IOException {
        HeldMessageId id = hold(EXAMPLE, "1", "a@example.com");
        queue().claim(EXAMPLE, clock().instant(), 10, "node-1", LEASE);

        queue().release(id);

        assertThat(queue().claim(EXAMPLE, clock().instant(), 10, "node-2", LEASE)).extracting(HeldMessage::id).containsExactly(id);
    }

    @Test
    default void receivedBeforeFindsMessagesPastRetention() throws IOException {
        HeldMessageId old = hold(EXAMPLE, "1", "a@example.com");
        clock().advance(Duration.ofDays(2));
        hold(EXAMPLE, "2", "a@example.com");

        assertThat(queue().receivedBefore(EXAMPLE, clock().instant().minus(Duration.ofDays(1)), 10))
            .extracting(HeldMessage::id).containsExactly(old);
    }

    @Test
    default void delayWarningIsRemembered() throws IOException {
        HeldMessageId id = hold(EXAMPLE, "1", "a@example.com");
        clock().advance(Duration.ofHours(5));
        HeldMessageId recent = hold(EXAMPLE, "2", "a@example.com");
        Instant fourHoursAgo = clock().instant().minus(Duration.ofHours(4));

        assertThat(queue().awaitingDelayWarning(EXAMPLE, fourHoursAgo, 10)).extracting(HeldMessage::id).containsExactly(id);
        queue().markDelayWarned(id);

        assertThat(queue().get(id).orElseThrow().delayWarned()).isTrue();
        assertThat(queue().get(recent).orElseThrow().delayWarned()).isFalse();
        assertThat(queue().awaitingDelayWarning(EXAMPLE, fourHoursAgo, 10)).isEmpty();
    }

    @Test
    default void removeDropsTheMessageAndReturnsIt() throws IOException {
        HeldMessageId id = hold(EXAMPLE, "1", "a@example.com");

        assertThat(queue().remove(id)).map(HeldMessage::id).contains(id);
        assertThat(queue().remove(id)).isEmpty();
        assertThat(queue().get(id)).isEmpty();
    }

    @Test
    default void concurrentClaimsNeverShareAMessage() throws Exception {
        for (int i = 0; i < 60; i++) {
            hold(EXAMPLE, "m" + i, "a@example.com");
        }
        ExecutorService executor = Executors.newFixedThreadPool(4);
        List<HeldMessageId> claimed = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> claimers = new ArrayList<>();
            for (int node = 0; node < 4; node++) {
                String owner = "node-" + node;
                claimers.add(executor.submit(() -> {
                    List<HeldMessage> batch;
                    while (!(batch = queue().claim(EXAMPLE, clock().instant(), 5, owner, LEASE)).isEmpty()) {
                        batch.forEach(message -> claimed.add(message.id()));
                    }
                }));
            }
            for (Future<?> claimer : claimers) {
                claimer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(claimed).hasSize(60).doesNotHaveDuplicates();
    }
}
