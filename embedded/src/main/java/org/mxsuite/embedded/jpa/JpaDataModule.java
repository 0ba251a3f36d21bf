package org.mxsuite.embedded.jpa;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.CoreDataModule;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.jpa.JPADomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.mailrepository.api.MailRepositoryFactory;
import org.apache.james.mailrepository.api.MailRepositoryUrlStore;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.james.mailrepository.jpa.JPAMailRepository;
import org.apache.james.mailrepository.jpa.JPAMailRepositoryFactory;
import org.apache.james.mailrepository.jpa.JPAMailRepositoryUrlStore;
import org.apache.james.mailrepository.memory.MailRepositoryStoreConfiguration;
import org.apache.james.rrt.api.AliasReverseResolver;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.jpa.JPARecipientRewriteTable;
import org.apache.james.rrt.lib.AliasReverseResolverImpl;
import org.apache.james.rrt.lib.CanSendFromImpl;
import org.apache.james.sieve.jpa.JPASieveRepository;
import org.apache.james.sieverepository.api.SieveQuotaRepository;
import org.apache.james.sieverepository.api.SieveRepository;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.jpa.JPAUsersRepository;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.common.collect.ImmutableList;
import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * James's server data on JPA, as James's JPA product binds it: domains, users and passwords, recipient rewrites
 * (aliases, forwards), sieve scripts and their quotas, and the names of the mail repositories. On a database that
 * only this server writes (Derby's files), the lookups that every message makes (is the domain ours, is the recipient a
 * user, its rewrites, its active sieve script) are answered from memory ({@link ExactCache}); on a database that other
 * nodes write too (PostgreSQL), every lookup reads the database, so that a change made on one node holds at once on all.
 */
public final class JpaDataModule extends AbstractModule {
    private final boolean onlyWriter;

    /** @param onlyWriter whether this server is the only one writing the database */
    public JpaDataModule(boolean onlyWriter) {
        this.onlyWriter = onlyWriter;
    }

    @Override
    protected void configure() {
        install(new CoreDataModule());

        bindRepository(JPADomainList.class, CachedDomainList.class);
        bind(DomainList.class).to(JPADomainList.class);

        bindRepository(JPAUsersRepository.class, CachedUsersRepository.class);
        bind(UsersRepository.class).to(JPAUsersRepository.class);

        bindRepository(JPARecipientRewriteTable.class, CachedRecipientRewriteTable.class);
        bind(RecipientRewriteTable.class).to(JPARecipientRewriteTable.class);
        bind(AliasReverseResolverImpl.class).in(Scopes.SINGLETON);
        bind(AliasReverseResolver.class).to(AliasReverseResolverImpl.class);
        bind(CanSendFromImpl.class).in(Scopes.SINGLETON);
        bind(CanSendFrom.class).to(CanSendFromImpl.class);

        bindRepository(JPASieveRepository.class, CachedSieveRepository.class);
        bind(SieveRepository.class).to(JPASieveRepository.class);
        bind(SieveQuotaRepository.class).to(JPASieveRepository.class);

        // the repositories of james-conf are file:// ones; jpa:// is offered as in James's JPA product
        bind(JPAMailRepositoryUrlStore.class).in(Scopes.SINGLETON);
        bind(MailRepositoryUrlStore.class).to(JPAMailRepositoryUrlStore.class);
        bind(MailRepositoryStoreConfiguration.Item.class)
            .toProvider(() -> new MailRepositoryStoreConfiguration.Item(ImmutableList.of(new Protocol("jpa")),
                JPAMailRepository.class.getName(), new BaseHierarchicalConfiguration()));
        Multibinder.newSetBinder(binder(), MailRepositoryFactory.class).addBinding().to(JPAMailRepositoryFactory.class);
    }

    private <T> void bindRepository(Class<T> repository, Class<? extends T> cached) {
        if (onlyWriter) {
            bind(repository).to(cached).in(Scopes.SINGLETON);
        } else {
            bind(repository).in(Scopes.SINGLETON);
        }
    }

    // each operation names the class of the instance (the cached subclass on Derby): James runs an operation before
    // what uses the instance only when that class is the one it saw provisioned; else the spool may process recovered
    // mail before the rewrite table is configured ("RecipientRewriteTable is not configured", DurableMailboxTest)
    @ProvidesIntoSet
    InitializationOperation domainList(DomainListConfiguration configuration, JPADomainList domains) {
        return InitilizationOperationBuilder.forClass(domains.getClass()).init(() -> domains.configure(configuration));
    }

    @ProvidesIntoSet
    InitializationOperation users(ConfigurationProvider configuration, JPAUsersRepository users) {
        return InitilizationOperationBuilder.forClass(users.getClass())
            .init(() -> users.configure(configuration.getConfiguration("usersrepository")));
    }

    @ProvidesIntoSet
    InitializationOperation recipientRewrites(ConfigurationProvider configuration, JPARecipientRewriteTable table) {
        return InitilizationOperationBuilder.forClass(table.getClass())
            .init(() -> table.configure(configuration.getConfiguration("recipientrewritetable")));
    }
}
