package org.mxsuite.embedded.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;

/** James's mail queues of the embedded server ("spool" and any other James asks for), each a directory of files. */
public final class FileSpoolFactory implements MailQueueFactory<FileSpool> {
    private final Path root;
    private final MailQueueItemDecoratorFactory decorators;
    private final Clock clock;
    private final ConcurrentHashMap<MailQueueName, FileSpool> queues = new ConcurrentHashMap<>();

    public FileSpoolFactory(Path root, MailQueueItemDecoratorFactory decorators, Clock clock) {
        this.root = root;
        this.decorators = decorators;
        this.clock = clock;
    }

    @Override
    public Optional<FileSpool> getQueue(MailQueueName name, PrefetchCount count) {
        Optional<FileSpool> queue = Optional.ofNullable(queues.get(name));
        queue.ifPresent(FileSpool::reference);
        return queue;
    }

    @Override
    public FileSpool createQueue(MailQueueName name, PrefetchCount count) {
        FileSpool queue = queues.computeIfAbsent(name, this::open);
        queue.reference();
        return queue;
    }

    private FileSpool open(MailQueueName name) {
        try {
            return new FileSpool(name, root.resolve(directoryName(name)), decorators, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open mail queue " + name.asString() + " under " + root, e);
        }
    }

    /** A queue name as a directory name: letters, digits, '.', '-' and '_' as they are, anything else as %XX. */
    static String directoryName(MailQueueName name) {
        StringBuilder directory = new StringBuilder();
        for (byte b : name.asString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || (c == '.' && directory.length() > 0)) {
                directory.append(c);
            } else {
                directory.append(String.format("%%%02X", b & 0xff));
            }
        }
        return directory.toString();
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return queues.keySet().stream().collect(Collectors.toUnmodifiableSet());
    }
}
