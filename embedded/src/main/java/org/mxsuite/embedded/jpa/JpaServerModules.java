package org.mxsuite.embedded.jpa;

import org.apache.james.NaiveDelegationStoreModule;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.modules.mailbox.MemoryDeadLetterModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.LMTPServerModule;
import org.apache.james.modules.protocols.ManageSieveServerModule;
import org.apache.james.modules.protocols.POP3ServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.queue.memory.MemoryMailQueueModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.DefaultProcessorsConfigurationProviderModule;
import org.apache.james.modules.server.InconsistencyQuotasSolvingRoutesModule;
import org.apache.james.modules.server.JMXServerModule;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailRepositoriesRoutesModule;
import org.apache.james.modules.server.MailboxRoutesModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.ReIndexingModule;
import org.apache.james.modules.server.SieveRoutesModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.WebAdminReIndexingTaskSerializationModule;
import org.apache.james.modules.server.WebAdminServerModule;

import com.google.inject.Module;
import com.google.inject.util.Modules;

/**
 * The modules of James 3.8.1's JPA product ({@code JPAJamesServerMain}, which {@code apache/james:jpa-3.8.1} runs),
 * with our own wiring of its data layer where James's is not published. The mail spool is the one module that
 * differs: James's in-memory queue module here, replaced by the caller with the durable file spool (the JPA product
 * uses ActiveMQ).
 */
public final class JpaServerModules {
    public static final String SEARCH_INDEX_PROPERTY = "mxsuite.search.index";
    /** james-database.properties' database.url; Derby's files under the server's home when not set. */
    static final String DATABASE_URL_PROPERTY = "mxsuite.database.url";

    private JpaServerModules() {
    }

    private static final Module WEBADMIN = Modules.combine(
        new WebAdminServerModule(),
        new DataRoutesModules(),
        new InconsistencyQuotasSolvingRoutesModule(),
        new MailboxRoutesModule(),
        new MailQueueRoutesModule(),
        new MailRepositoriesRoutesModule(),
        new ReIndexingModule(),
        new SieveRoutesModule(),
        new WebAdminReIndexingTaskSerializationModule());

    private static final Module PROTOCOLS = Modules.combine(
        new IMAPServerModule(),
        new LMTPServerModule(),
        new ManageSieveServerModule(),
        new POP3ServerModule(),
        new ProtocolHandlerModule(),
        new SMTPServerModule());

    /** Every module of the server; the search index is chosen by {@value #SEARCH_INDEX_PROPERTY} ({@code lucene} or {@code scan}). */
    public static Module all() {
        return Modules.combine(
            new MailetProcessingModule(),
            new MemoryMailQueueModule(),
            new NaiveDelegationStoreModule(),
            new DefaultProcessorsConfigurationProviderModule(),
            new JpaDataModule(DerbyFiles.isEmbedded(System.getProperty(DATABASE_URL_PROPERTY, "jdbc:derby:"))),
            new JpaMailboxModule(),
            new MailboxModule(),
            searchModule(),
            new NoJwtModule(),
            new RawPostDequeueDecoratorModule(),
            new DefaultEventModule(),
            new TaskManagerModule(),
            new MemoryDeadLetterModule(),
            PROTOCOLS,
            WEBADMIN,
            new JMXServerModule());
    }

    private static Module searchModule() {
        String index = System.getProperty(SEARCH_INDEX_PROPERTY, "lucene");
        switch (index) {
            case "lucene":
                return new LuceneSearchModule();
            case "scan":
                return new ScanningSearchModule();
            default:
                throw new IllegalArgumentException(SEARCH_INDEX_PROPERTY + " must be lucene or scan, not " + index);
        }
    }
}
