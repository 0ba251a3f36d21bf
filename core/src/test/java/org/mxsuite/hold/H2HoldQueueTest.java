package org.mxsuite.hold;

import org.mxsuite.testing.MutableClock;
import org.mxsuite.state.H2StateStoreExtension;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2HoldQueueTest implements HoldQueueContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private MutableClock clock;
    private JdbcHoldQueue queue;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        queue = new JdbcHoldQueue(h2.stateStore(), clock);
    }

    @Override
    public HoldQueue queue() {
        return queue;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    private Path contentDirectory() {
        return queue.contentFiles().orElseThrow().directory();
    }

    private long contentFiles() throws Exception {
        try (Stream<Path> files = Files.list(contentDirectory())) {
            return files.count();
        }
    }

    @Test
    void aSpooledContentIsTakenByAHardLinkNotWrittenAgain() throws Exception {
        String body = "Subject: linked\r\n\r\nbody\r\n";
        Path spooled = HoldQueueContract.spoolFile(body, true);
        try {
            HeldMessageId id = holdSpooled(spooled, body.length(), "a@example.com");

            Path held = contentDirectory().resolve(id.asString() + ".spooled");
            assertThat(Files.isSameFile(held, spooled)).isTrue();
            assertThat(Files.getAttribute(held, "unix:nlink")).isEqualTo(2);
            assertThat(content(id)).isEqualTo(body);
        } finally {
            Files.delete(spooled);
        }
    }

    @Test
    void aHeldFilesNameIsSyncedByTheCheckpointThatMakesItsRowDurable() throws Exception {
        HeldContentFiles files = queue.contentFiles().orElseThrow();
        hold(EXAMPLE, "Subject: synced\r\n\r\nbody\r\n", "a@example.com");

        // the hold returned once its row was on disk: the checkpoint that put it there synced the new name first
        assertThat(files.syncDirectory()).as("no name left unsynced").isFalse();
    }

    @Test
    void theContentIsAFileUntilTheMessageHasLeftTheQueueOnDisk() throws Exception {
        HeldMessageId id = hold(EXAMPLE, "Subject: file\r\n\r\nbody\r\n", "a@example.com");
        Path file = contentDirectory().resolve(id.asString() + ".eml");
        assertThat(file).hasContent("Subject: file\r\n\r\nbody\r\n");

        List<HeldMessage> claimed = queue.claim(EXAMPLE, clock.instant(), 10, "node", Duration.ofMinutes(1));
        assertThat(queue.recordUnsynced(id, List.of(Outcome.delivered(claimed.get(0).recipients().get(0).address(), "250 ok"))))
            .isTrue();
        queue.written().get(10, TimeUnit.SECONDS);

        // deleted once a sync (patient: within the spacing) has the row's deletion on disk
        Instant deadline = Instant.now().plusSeconds(5);
        while (Files.exists(file) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aContentFileWithoutItsMessageIsDeletedAtTheNextStart() throws Exception {
        hold(EXAMPLE, "Subject: kept\r\n\r\nkept\r\n", "a@example.com");
        Path orphan = contentDirectory().resolve(UUID.randomUUID() + ".eml");
        Files.writeString(orphan, "left by a crash between the file and its row");
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minusSeconds(3600)));
        Path young = contentDirectory().resolve(UUID.randomUUID() + ".eml");
        Files.writeString(young, "a hold whose row may be committing right now");

        new JdbcHoldQueue(h2.reopen(), clock);

        assertThat(orphan).doesNotExist();
        assertThat(young).exists();
        assertThat(contentFiles()).isEqualTo(2);
    }

    @Test
    void leasesOfAnEarlierRunAreReleasedAtTheNextStart() throws Exception {
        HeldMessageId id = hold(EXAMPLE, "Subject: leased\r\n\r\nleased\r\n", "a@example.com");
        assertThat(queue.claim(EXAMPLE, clock.instant(), 10, "killed-node", Duration.ofMinutes(10))).hasSize(1);
        assertThat(queue.claim(EXAMPLE, clock.instant(), 10, "other", Duration.ofMinutes(10))).as("leased").isEmpty();

        HoldQueue afterRestart = new JdbcHoldQueue(h2.reopen(), clock);

        assertThat(afterRestart.claim(EXAMPLE, clock.instant(), 10, "restarted-node", Duration.ofMinutes(10)))
            .extracting(HeldMessage::id).containsExactly(id);
    }
}
