package org.mxsuite.embedded;

import java.io.FileNotFoundException;
import java.time.Clock;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.mxsuite.embedded.spool.FileSpoolFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * The mail spool of the embedded server, on disk. James's in-memory queue module holds the spool (the queue between the
 * 250 answered to DATA and the mailet pipeline) in memory, so a crash in that window loses mail the sender was told
 * we have. This module replaces it, through {@code overrideWith}, with {@link FileSpoolFactory}: one synced file per
 * mail under {@code var/store/spool/} of James's working directory, read back at start.
 *
 * <p>It used to be James's ActiveMQ queue (as in James's JPA product); the file spool does the same job for a
 * fraction of the CPU (bench/README.md).
 */
public final class DurableSpoolModule extends AbstractModule {
    static final String DIRECTORY = "file://var/store/spool/";

    @Provides
    @Singleton
    FileSpoolFactory fileSpool(FileSystem files, MailQueueItemDecoratorFactory decorators) throws FileNotFoundException {
        return new FileSpoolFactory(files.getFile(DIRECTORY).toPath(), decorators, Clock.systemUTC());
    }

    /** The one spool factory behind the three keys James asks for. */
    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableSpool(FileSpoolFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> spool(FileSpoolFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> spoolOfMailQueues(FileSpoolFactory factory) {
        return factory;
    }
}
