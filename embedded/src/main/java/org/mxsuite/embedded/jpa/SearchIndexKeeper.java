package org.mxsuite.embedded.jpa;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.lifecycle.api.Startable;
import org.apache.james.mailbox.indexer.ReIndexer;
import org.apache.james.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Lucene index in step with the mailboxes across crashes. James's Lucene index commits only when it is
 * closed, and it learns of new messages from in-memory events: after a {@code kill -9} it lacks what came since the
 * start. So: commit every few seconds, mark the index open while the server runs, and when a start finds the mark
 * of a run that did not stop cleanly, rebuild the index from the mailboxes in the background (messages stored since
 * are indexed as they come; a SEARCH may miss older ones until the rebuild ends, which the log says).
 */
public final class SearchIndexKeeper implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(SearchIndexKeeper.class);
    private static final long COMMIT_EVERY_SECONDS = 5;
    private static final int REBUILD_MESSAGES_PER_SECOND = 2000;
    private static final Duration FINISH_UPDATES = Duration.ofSeconds(30);

    private final LuceneMailboxIndex index;
    private final ReIndexer reIndexer;
    private final File openMark;
    private final ScheduledExecutorService commits = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mxsuite-search-index");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public SearchIndexKeeper(LuceneMailboxIndex index, ReIndexer reIndexer, FileSystem files) throws IOException {
        this.index = index;
        this.reIndexer = reIndexer;
        this.openMark = new File(files.getFile(LuceneSearchModule.DIRECTORY), "mxsuite-open");
    }

    void start() throws IOException {
        boolean crashed = openMark.exists();
        Files.write(openMark.toPath(), new byte[0]);
        commits.scheduleWithFixedDelay(this::commit, COMMIT_EVERY_SECONDS, COMMIT_EVERY_SECONDS, TimeUnit.SECONDS);
        if (crashed) {
            LOGGER.warn("the server did not stop cleanly: rebuilding the mailbox search index in the background");
            commits.execute(this::rebuild);
        }
    }

    private void rebuild() {
        try {
            Task.Result result = reIndexer.reIndex(ReIndexer.RunningOptions.builder()
                .messagesPerSeconds(Optional.of(REBUILD_MESSAGES_PER_SECOND))
                .mode(ReIndexer.RunningOptions.Mode.REBUILD_ALL)
                .build()).run();
            commit();
            LOGGER.info("mailbox search index rebuilt: {}", result);
        } catch (Exception e) {
            LOGGER.error("the mailbox search index could not be rebuilt; run POST /mailboxes?task=reIndex", e);
        }
    }

    private void commit() {
        try {
            index.commit();
        } catch (Exception e) {
            LOGGER.warn("cannot commit the mailbox search index", e);
        }
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        commits.shutdownNow();
        commits.awaitTermination(10, TimeUnit.SECONDS);
        boolean complete = index.finishUpdates(FINISH_UPDATES);
        commit();
        if (!complete) {
            LOGGER.warn("the search index did not finish its updates within {}: the next start rebuilds it", FINISH_UPDATES);
        } else if (!openMark.delete()) {
            LOGGER.warn("cannot remove {}: the next start will rebuild the search index", openMark);
        }
    }
}
