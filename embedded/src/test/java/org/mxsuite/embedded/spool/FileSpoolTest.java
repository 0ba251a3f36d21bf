package org.mxsuite.embedded.spool;

import static org.apache.james.queue.api.Mails.defaultMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.queue.api.DelayedManageableMailQueueContract;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Flux;

/** James's own mail queue contracts (delays, management, FIFO, what a mail keeps), then what a restart must keep. */
class FileSpoolTest implements DelayedManageableMailQueueContract {
    private static final MailQueueName SPOOL = MailQueueName.of("spool");

    @TempDir
    Path root;

    private FileSpoolFactory factory;
    private FileSpool queue;

    @BeforeEach
    void open() {
        factory = new FileSpoolFactory(root, new RawMailQueueItemDecoratorFactory(), Clock.systemUTC());
        queue = factory.createQueue(SPOOL);
    }

    @AfterEach
    void close() {
        queue.close();
    }

    @Override
    public MailQueue getMailQueue() {
        return queue;
    }

    @Override
    public ManageableMailQueue getManageableMailQueue() {
        return queue;
    }

    /** A new factory on the same directory: what a server started after {@code kill -9} sees. */
    private FileSpool restarted() {
        return new FileSpoolFactory(root, new RawMailQueueItemDecoratorFactory(), Clock.systemUTC()).createQueue(SPOOL);
    }

    private static String content(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void mailThatWasNotDoneIsThereAfterARestartWithItsEnvelopeAndContent() throws Exception {
        Mail original = defaultMail().name("first").build();
        original.setAttribute(new Attribute(org.apache.mailet.AttributeName.of("mxsuite.test"), AttributeValue.of("kept")));
        queue.enQueue(original);
        queue.enQueue(defaultMail().name("second").build());
        // "first" is being processed when the server dies: taken, never done
        MailQueue.MailQueueItem taken = Flux.from(queue.deQueue()).blockFirst();
        assertThat(taken.getMail().getName()).isEqualTo("first");

        FileSpool after = restarted();
        try {
            assertThat(after.getSize()).isEqualTo(2);
            List<Mail> mails = Flux.from(after.deQueue()).take(2).map(MailQueue.MailQueueItem::getMail)
                .collectList().block(Duration.ofSeconds(10));
            assertThat(mails).extracting(Mail::getName).containsExactly("first", "second");
            Mail first = mails.get(0);
            assertThat(first.getRecipients()).isEqualTo(original.getRecipients());
            assertThat(first.getMaybeSender()).isEqualTo(original.getMaybeSender());
            assertThat(first.getAttribute(org.apache.mailet.AttributeName.of("mxsuite.test")))
                .contains(new Attribute(org.apache.mailet.AttributeName.of("mxsuite.test"), AttributeValue.of("kept")));
            assertThat(content(first)).isEqualTo(content(original));
        } finally {
            after.close();
        }
    }

    @Test
    void aTakenMailReadsItsContentFromTheSpoolFileWithoutACopy() throws Exception {
        Mail original = defaultMail().name("read-in-place").build();
        queue.enQueue(original);

        Mail taken = Flux.from(queue.deQueue()).blockFirst().getMail();

        assertThat(taken.getMessage()).isInstanceOf(org.apache.james.server.core.MimeMessageWrapper.class);
        assertThat(((org.apache.james.server.core.MimeMessageWrapper) taken.getMessage()).getSourceId())
            .as("the spool file itself, not a copy in memory or in a temporary file")
            .isEqualTo(SpoolFileSource.SOURCE_PREFIX + spoolFiles().get(0));
        assertThat(content(taken)).isEqualTo(content(original));
    }

    @Test
    void aMailDoneWithSuccessLeavesTheDirectory() throws Exception {
        queue.enQueue(defaultMail().name("done").build());
        Flux.from(queue.deQueue()).blockFirst().done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);

        assertThat(spoolFiles()).isEmpty();
        FileSpool after = restarted();
        try {
            assertThat(after.getSize()).isZero();
        } finally {
            after.close();
        }
    }

    @Test
    void aFileTheServerDiedWritingIsNotAMailAndIsDropped() throws Exception {
        queue.enQueue(defaultMail().name("whole").build());
        Path whole = spoolFiles().get(0);
        byte[] bytes = Files.readAllBytes(whole);
        // the same mail cut short: written up to the middle of its content, never synced whole, never acknowledged
        Path cut = whole.resolveSibling("0000000000000000-cut.mail");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 40));

        FileSpool after = restarted();
        try {
            assertThat(after.getSize()).isEqualTo(1);
            assertThat(Flux.from(after.deQueue()).blockFirst().getMail().getName()).isEqualTo("whole");
            assertThat(cut).doesNotExist();
        } finally {
            after.close();
        }
    }

    @Test
    void aDelayOutlivesARestart() throws Exception {
        queue.enQueue(defaultMail().name("later").build(), Duration.ofHours(1));

        FileSpool after = restarted();
        try {
            ManageableMailQueue.MailQueueIterator browsed = after.browse();
            ManageableMailQueue.MailQueueItemView view = browsed.next();
            assertThat(view.getMail().getName()).isEqualTo("later");
            assertThat(view.getNextDelivery()).hasValueSatisfying(next ->
                assertThat(next.toInstant()).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(59))));
        } finally {
            after.close();
        }
    }

    @Test
    void eachMailsNameIsForcedToDiskBeforeEnQueueReturns() throws Exception {
        // the real fsync of the directory, watched: which files the directory held each time it was forced
        List<List<Path>> namesAtEachSync = new CopyOnWriteArrayList<>();
        DirectorySync fsync = DirectorySync.fsync();
        DirectorySync watched = directory -> {
            try (Stream<Path> files = Files.list(directory)) {
                namesAtEachSync.add(files.collect(Collectors.toList()));
            }
            fsync.force(directory);
        };
        FileSpool spool = new FileSpool(MailQueueName.of("synced"), root.resolve("synced"), new RawMailQueueItemDecoratorFactory(),
            Clock.systemUTC(), watched);
        try {
            spool.enQueue(defaultMail().name("first").build());
            assertThat(namesAtEachSync).hasSize(1);
            assertThat(namesAtEachSync.get(0)).hasSize(1);

            spool.enQueue(defaultMail().name("second").build());
            assertThat(namesAtEachSync).hasSize(2);
            assertThat(namesAtEachSync.get(1)).hasSize(2);
        } finally {
            spool.close();
        }
    }

    @Test
    void aMailWhoseNameCannotBeForcedIsNotSpooled() throws Exception {
        FileSpool spool = new FileSpool(MailQueueName.of("failing"), root.resolve("failing"), new RawMailQueueItemDecoratorFactory(),
            Clock.systemUTC(), directory -> {
                throw new IOException("EIO");
            });
        try {
            assertThatThrownBy(() -> spool.enQueue(defaultMail().name("lost").build())).isInstanceOf(MailQueue.MailQueueException.class);
            assertThat(spool.getSize()).isZero();
            try (Stream<Path> files = Files.list(root.resolve("failing"))) {
                assertThat(files).as("not taken again at the next start: its sender was not told we have it").isEmpty();
            }
        } finally {
            spool.close();
        }
    }

    @Test
    void theRealDirectorySyncForcesADirectoryAndRefusesWhatIsNone() throws Exception {
        DirectorySync.fsync().force(root);

        assertThatThrownBy(() -> DirectorySync.fsync().force(root.resolve("missing"))).isInstanceOf(IOException.class);
    }

    @Test
    void theSpoolDirectoryAndItsFilesAreTheOwnersOnly() throws Exception {
        // the umask of the test (022 here) would make them readable by every user
        queue.enQueue(defaultMail().name("private").build());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("spool")))).isEqualTo("rwx------");
        assertThat(spoolFiles()).hasSize(1).allSatisfy(file ->
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
    }

    @Test
    void queueNamesBecomeSafeDirectoryNames() {
        assertThat(FileSpoolFactory.directoryName(MailQueueName.of("spool"))).isEqualTo("spool");
        assertThat(FileSpoolFactory.directoryName(MailQueueName.of("../etc"))).isEqualTo("%2E.%2Fetc");
        assertThat(FileSpoolFactory.directoryName(MailQueueName.of("a.b c"))).isEqualTo("a.b%20c");
    }

    private List<Path> spoolFiles() throws Exception {
        try (Stream<Path> files = Files.list(root.resolve("spool"))) {
            return files.filter(file -> file.toString().endsWith(".mail")).sorted().collect(Collectors.toList());
        }
    }
}
