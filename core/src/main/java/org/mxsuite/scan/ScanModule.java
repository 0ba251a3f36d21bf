package org.mxsuite.scan;

import java.util.Optional;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.state.SuiteProperties;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Guice wiring of the virus and spam scanners (extensions' injector): one client of each, shared by every SMTP server. */
public class ScanModule extends AbstractModule {
    @Provides
    @Singleton
    VirusScanSettings virusScanSettings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return VirusScanSettings.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    SpamScanSettings spamScanSettings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return SpamScanSettings.from(SuiteProperties.read(propertiesProvider));
    }

    /** None when {@code virusScan.clamd} is not set. */
    @Provides
    @Singleton
    Optional<ClamdClient> clamd(VirusScanSettings settings) {
        return settings.clamd().map(endpoint -> new ClamdClient(endpoint, settings.timeout()));
    }

    /** None when {@code spamScan.rspamd} is not set. */
    @Provides
    @Singleton
    Optional<RspamdClient> rspamd(SpamScanSettings settings) {
        return settings.rspamd().map(address -> new RspamdClient(address, settings.timeout()));
    }
}
