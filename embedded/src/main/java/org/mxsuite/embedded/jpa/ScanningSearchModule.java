package org.mxsuite.embedded.jpa;

import org.apache.james.FakeMessageSearchIndex;
import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.store.extractor.JsoupTextExtractor;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.mailbox.store.search.SimpleMessageSearchIndex;
import org.apache.james.modules.mailbox.ReIndexingTaskSerializationModule;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * Mailbox search by reading the messages of the searched mailbox from the database at each SEARCH: no index, so
 * nothing to lose or rebuild, and every node sees the mail every other node stored (a Lucene index is per node). The
 * default when several nodes share PostgreSQL; slower on large mailboxes.
 */
public final class ScanningSearchModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new ReIndexingTaskSerializationModule());
        bind(SimpleMessageSearchIndex.class).in(Scopes.SINGLETON);
        bind(MessageSearchIndex.class).to(SimpleMessageSearchIndex.class);
        bind(TextExtractor.class).to(JsoupTextExtractor.class);
        // James's re-indexing routes need a listening index; there is nothing to index
        bind(FakeMessageSearchIndex.class).in(Scopes.SINGLETON);
        bind(ListeningMessageSearchIndex.class).to(FakeMessageSearchIndex.class);
    }
}
