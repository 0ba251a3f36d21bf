package org.mxsuite.embedded.jpa;

import java.io.File;
import java.io.IOException;

import javax.inject.Singleton;

import org.apache.james.events.EventListener;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.modules.mailbox.ReIndexingTaskSerializationModule;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Mailbox search (IMAP SEARCH) with James's Lucene index, in {@code var/store/lucene/} of the working directory
 * (James's own module opens the index in the working directory's root). The index is kept in step with the mailboxes
 * by {@link SearchIndexKeeper}: committed every few seconds and rebuilt after a crash; a message indexed twice is
 * there once ({@link LuceneMailboxIndex}).
 */
public final class LuceneSearchModule extends AbstractModule {
    static final String DIRECTORY = "file://var/store/lucene/";

    @Override
    protected void configure() {
        install(new ReIndexingTaskSerializationModule());
        bind(LuceneMailboxIndex.class).in(Scopes.SINGLETON);
        bind(LuceneMessageSearchIndex.class).to(LuceneMailboxIndex.class);
        bind(MessageSearchIndex.class).to(LuceneMessageSearchIndex.class);
        bind(ListeningMessageSearchIndex.class).to(LuceneMessageSearchIndex.class);
        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class).addBinding().to(LuceneMessageSearchIndex.class);
        bind(SearchIndexKeeper.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    Directory indexDirectory(FileSystem files) throws IOException {
        File directory = files.getFile(DIRECTORY);
        if (!directory.isDirectory() && !directory.mkdirs()) {
            throw new IOException("cannot create the search index directory " + directory);
        }
        return FSDirectory.open(directory);
    }

    @ProvidesIntoSet
    InitializationOperation keepIndex(SearchIndexKeeper keeper) {
        return InitilizationOperationBuilder.forClass(SearchIndexKeeper.class).init(keeper::start);
    }
}
