package org.mxsuite.embedded.spool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import javax.mail.MessagingException;

import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.mxsuite.embedded.files.OwnerOnlyFiles;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A James mail queue kept in a directory, one {@link SpoolFile} per mail, synced with its name in the directory
 * ({@link DirectorySync}) before {@code enQueue} returns, so that a mail James acknowledged survives {@code kill -9}
 * and a power cut. Only the envelopes of waiting mail are in memory; a mail leaves the directory when James is done
 * with it ({@code done(SUCCESS)}), so a crash while it is processed processes it again at the next start (at worst
 * twice, never lost).
 *
 * <p>It replaces James's ActiveMQ queue in the embedded server: a broker, a JMS session per send and a KahaDB journal
 * and index cost several times the CPU of writing the mail once (measured, see bench/README.md).
 */
final class FileSpool implements ManageableMailQueue {
    private static final Logger LOGGER = LoggerFactory.getLogger(FileSpool.class);
    private static final String SUFFIX = ".mail";
    /** Read by the suite's mailets (org.mxsuite.route.mailet.SkipDeliveredRecipients); the plugin's classes are not seen here. */
    static final AttributeName RECOVERED = AttributeName.of("org.mxsuite.spool.recovered");

    private final MailQueueName name;
    private final Path directory;
    private final DirectorySync directorySync;
    private final Clock clock;
    private final DelayQueue<Entry> waiting = new DelayQueue<>();
    private final Set<Entry> inProcess = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence;
    // makes names unique should the clock go back across a restart (UUID.randomUUID() per mail cost a SecureRandom call)
    private final String instance = Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
    private final AtomicInteger references = new AtomicInteger();
    private final Scheduler takers;
    private final Flux<MailQueueItem> items;

    /** A waiting mail: its file and its envelope (when it is due, what remove() filters on, the mail to take). */
    private final class Entry implements Delayed {
        final Path file;
        final Instant due;
        final SpoolFile.Envelope envelope;
        /** Found in the directory at start: the server may have processed it, in part, before it died. */
        final boolean recovered;

        Entry(Path file, SpoolFile.Envelope envelope, boolean recovered) {
            this.file = file;
            this.due = envelope.due;
            this.envelope = envelope;
            this.recovered = recovered;
        }

        Entry(Entry entry, Instant due) {
            this(entry.file, entry.envelope.dueAt(due), entry.recovered);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        /** Due first; among mail due at once, first spooled first (file names grow). */
        @Override
        public int compareTo(Delayed other) {
            Entry that = (Entry) other;
            int byDue = due.compareTo(that.due);
            return byDue != 0 ? byDue : file.getFileName().compareTo(that.file.getFileName());
        }
    }

    private final class Item implements MailQueueItem {
        private final Entry entry;
        private final Mail mail;

        Item(Entry entry, Mail mail) {
            this.entry = entry;
            this.mail = mail;
        }

        @Override
        public Mail getMail() {
            return mail;
        }

        @Override
        public void done(CompletionStatus status) throws MailQueueException {
            inProcess.remove(entry);
            if (status == CompletionStatus.RETRY) {
                // as a JMS rollback: the mail as it was spooled, again, now
                waiting.add(new Entry(entry, clock.instant()));
                return;
            }
            delete(entry.file);
        }

        /** Back to the queue untouched: it was taken for a subscriber that is gone. */
        void putBack() {
            inProcess.remove(entry);
            waiting.add(entry);
        }
    }

    FileSpool(MailQueueName name, Path directory, MailQueueItemDecoratorFactory decorators, Clock clock) throws IOException {
        this(name, directory, decorators, clock, DirectorySync.fsync());
    }

    FileSpool(MailQueueName name, Path directory, MailQueueItemDecoratorFactory decorators, Clock clock,
              DirectorySync directorySync) throws IOException {
        this.name = name;
        this.directorySync = directorySync;
        // mail is private: the directory and each file in it are the owner's only (OwnerOnlyFiles)
        this.directory = OwnerOnlyFiles.directory(directory);
        this.clock = clock;
        // file names are this counter in hex, started from the clock: they grow across restarts, so FIFO holds
        this.sequence = new AtomicLong(clock.millis() * 1000);
        recover();
        this.takers = Schedulers.newBoundedElastic(4, Integer.MAX_VALUE, "mxsuite-spool-" + name.asString(), 60, true);
        // one blocking loop per subscriber (James's spooler subscribes once); a mail taken for a subscriber that
        // went away goes back to the queue
        this.items = Mono.<MailQueueItem>create(sink -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            sink.onCancel(() -> cancelled.set(true));
            try {
                while (!cancelled.get()) {
                    Entry entry = waiting.poll(500, TimeUnit.MILLISECONDS);
                    MailQueueItem item = entry == null ? null : take(entry);
                    if (item != null) {
                        sink.success(item);
                        return;
                    }
                }
                sink.success();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sink.error(e);
            }
        })
            .doOnDiscard(Item.class, Item::putBack)
            .repeat()
            .subscribeOn(takers)
            .map(item -> decorators.decorate(item, name));
    }

    /** Every complete spool file is waiting again; a file the server was writing when it died was never a mail. */
    private void recover() throws IOException {
        List<Entry> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    found.add(new Entry(file, SpoolFile.read(file), true));
                } catch (EOFException e) {
                    LOGGER.info("dropping {}: {} (its sender was never told we had it)", file, e.getMessage());
                    delete(file);
                } catch (IOException | RuntimeException e) {
                    Path kept = file.resolveSibling(file.getFileName() + ".unreadable");
                    LOGGER.error("cannot read spool file {}; kept as {} for inspection", file, kept, e);
                    Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        waiting.addAll(found);
        if (!found.isEmpty()) {
            LOGGER.info("mail spool {}: {} mail(s) from before the restart are processed again", name.asString(), found.size());
        }
    }

    void reference() {
        references.incrementAndGet();
    }

    @Override
    public MailQueueName getName() {
        return name;
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        Instant due = due(delay);
        Path file = directory.resolve(fileName(sequence.incrementAndGet()));
        SpoolFile.Envelope envelope;
        try {
            envelope = SpoolFile.write(file, mail, due);
            // the file's name too, before the sender is told we have it (SpoolFile.write synced the content)
            directorySync.force(directory);
        } catch (IOException | MessagingException e) {
            delete(file);
            throw new MailQueueException("cannot spool mail " + mail.getName() + " in " + file, e);
        }
        waiting.add(new Entry(file, envelope, false));
    }

    private String fileName(long number) {
        String hex = Long.toHexString(number);
        return "0".repeat(16 - hex.length()) + hex + '-' + instance + SUFFIX;
    }

    private Instant due(Duration delay) {
        Instant now = clock.instant();
        if (delay.isNegative()) {
            return now;
        }
        try {
            return now.plus(delay);
        } catch (DateTimeException | ArithmeticException e) {
            return Instant.MAX;
        }
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        enQueue(mail, Duration.ZERO);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        return Mono.fromCallable(() -> {
            enQueue(mail);
            return true;
        }).then();
    }

    @Override
    public Publisher<MailQueueItem> deQueue() {
        return items;
    }

    /** The mail of a due entry, now in process; none when its file cannot be read (logged, kept). */
    private MailQueueItem take(Entry entry) {
        inProcess.add(entry);
        try {
            // the envelope as it was written or read at start: the file is opened only for the content
            Mail mail = entry.envelope.toMail(entry.file);
            if (entry.recovered) {
                // the mailets may have done part of their work before the crash: they look before doing it again
                mail.setAttribute(new Attribute(RECOVERED, AttributeValue.of(true)));
            }
            return new Item(entry, mail);
        } catch (IOException | RuntimeException e) {
            inProcess.remove(entry);
            LOGGER.error("cannot take spooled mail {} ({}); it stays in the spool directory", entry.envelope.name, entry.file, e);
            return null;
        }
    }

    @Override
    public long getSize() {
        return waiting.size() + inProcess.size();
    }

    /** Makes delayed mail due now (until a restart, which keeps the delays written in the files). */
    @Override
    public long flush() {
        Instant now = clock.instant();
        long count = 0;
        for (Entry entry : waiting.toArray(new Entry[0])) {
            if (entry.due.isAfter(now) && waiting.remove(entry)) {
                waiting.add(new Entry(entry, now));
                count++;
            }
        }
        return count;
    }

    @Override
    public long clear() {
        return removeWhere(entry -> true);
    }

    @Override
    public long remove(Type type, String value) {
        switch (type) {
            case Name:
                return removeWhere(entry -> entry.envelope.name.equals(value));
            case Sender:
                return removeWhere(entry -> entry.envelope.sender.asString().equals(value));
            case Recipient:
                return removeWhere(entry -> entry.envelope.recipients.stream().anyMatch(recipient -> recipient.asString().equals(value)));
            default:
                throw new IllegalArgumentException("unknown type " + type);
        }
    }

    private long removeWhere(Predicate<Entry> condition) {
        long count = 0;
        for (Entry entry : waiting.toArray(new Entry[0])) {
            if (condition.test(entry) && waiting.remove(entry)) {
                delete(entry.file);
                count++;
            }
        }
        return count;
    }

    @Override
    public MailQueueIterator browse() {
        List<Entry> snapshot = new ArrayList<>(List.of(waiting.toArray(new Entry[0])));
        snapshot.sort(null);
        Iterator<Entry> entries = snapshot.iterator();
        return new MailQueueIterator() {
            private MailQueueItemView next = advance();

            private MailQueueItemView advance() {
                while (entries.hasNext()) {
                    Entry entry = entries.next();
                    try {
                        return new DefaultMailQueueItemView(entry.envelope.toMail(entry.file), entry.due.atZone(ZoneOffset.UTC));
                    } catch (IOException e) {
                        // taken or removed meanwhile
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public MailQueueItemView next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                MailQueueItemView current = next;
                next = advance();
                return current;
            }

            @Override
            public void close() {
                // nothing held open
            }
        };
    }

    @Override
    public void close() {
        if (references.decrementAndGet() <= 0) {
            takers.dispose();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOGGER.error("cannot delete spool file {}", file, e);
        }
    }
}
