package org.mxsuite.panel.web;

import java.time.Clock;
import java.util.List;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.activity.ActivityStore;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.config.SuiteProperties;
import org.mxsuite.deliver.DeliveryEngine;
import org.mxsuite.deliver.LocalIdentity;
import org.mxsuite.dkim.DkimKeys;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.MailboxDomains;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.panel.PanelAccounts;
import org.mxsuite.relay.RelayAccounts;
import org.mxsuite.relay.RelaySettings;
import org.mxsuite.trace.TraceStore;
import org.mxsuite.verify.VerifiedRecipientStore;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Guice wiring of the control panel's web server (extensions' injector; started by {@link PanelStartup}). */
public class PanelWebModule extends AbstractModule {
    @Provides
    @Singleton
    PanelSettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return PanelSettings.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    PanelServer server(PanelSettings settings, PanelAccounts accounts, BruteForceGuard guard, HostedDomainStore domains,
                       HoldQueue queue, DeliveryEngine engine, VerifiedRecipientStore verifiedRecipients, MailboxDomains mailboxes,
                       LocalIdentity self, RelaySettings relay, DkimKeys dkim, Clock clock, ActivityStore activity,
                       TraceStore trace, OperatorServices operatorServices) {
        Visit visit = new Visit(new PanelSessions(settings.sessionIdle(), clock), accounts.store(), !settings.loopbackOnly());
        return new PanelServer(settings, List.of(
            new SignInPages(visit, accounts.store(), guard),
            new DomainPages(visit, domains, queue, engine, new SettingsForm(domains, verifiedRecipients, settings.ownerMaxRetention()),
                new ActivityCharts(activity, new RelayUsageSection(operatorServices.relayQuota, operatorServices.relayAccounts, relay), clock)),
            new TracePage(visit, domains, trace, clock),
            new ForwardTargetForm(visit, domains),
            new DnsRecordsPage(visit, domains, self, relay, dkim),
            new MailboxUserPages(visit, domains, mailboxes),
            new AccountPages(visit, accounts),
            new RelayAccountPages(visit, new RelayAccounts(operatorServices.relayAccounts), operatorServices.relayQuota),
            new BanPages(visit, guard),
            new LocalBlocklistPages(visit, operatorServices.blocklist, clock),
            new GreylistPages(visit, operatorServices.greylist),
            new DestinationPages(visit, domains, queue, engine)));
    }
}
