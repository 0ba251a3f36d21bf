package org.mxsuite.verify;

import java.time.Clock;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.config.SuiteProperties;
import org.mxsuite.deliver.DeliveryEngine;
import org.mxsuite.deliver.DestinationResolver;
import org.mxsuite.deliver.LocalIdentity;
import org.mxsuite.deliver.RecipientCallout;
import org.mxsuite.deliver.smtp.Timeouts;
import org.mxsuite.deliver.tls.OutboundTls;
import org.mxsuite.state.StateStore;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Guice wiring of recipient verification (extensions' injector), shared by the RCPT hook and the
 * {@code /hosted-domains/{domain}/verified-recipients} routes. The customer's server is asked as a delivery reaches it,
 * with the time limits of the REST probe (connect 3 s, each reply 10 s).
 */
public class VerifyModule extends AbstractModule {
    @Provides
    @Singleton
    VerifySettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return VerifySettings.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    VerifiedRecipientStore store(StateStore stateStore) {
        return new JdbcVerifiedRecipientStore(stateStore);
    }

    @Provides
    @Singleton
    RecipientVerifier verifier(VerifiedRecipientStore store, DestinationResolver resolver, LocalIdentity self, DeliveryEngine engine,
                               OutboundTls tls, VerifySettings settings, Clock clock) {
        return new RecipientVerifier(store, new RecipientCallout(resolver, self, tls, Timeouts.PROBE)::ask, engine::isDestinationDown,
            settings, clock);
    }
}
