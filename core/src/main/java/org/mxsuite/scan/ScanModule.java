package org.mxsuite.scan;

import java.util.Optional;

import javax.inject.Named;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.config.SuiteProperties;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Guice wiring of the virus and spam scanners (extensions' injector): one client of each, shared by every SMTP server. */
public class ScanModule extends AbstractModule {
    @Provides
    @Singleton
    @Named(ScannerSettings.VIRUS_SCAN)
    ScannerSettings virusScanSettings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return ScannerSettings.virusScan(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    @Named(ScannerSettings.SPAM_SCAN)
    ScannerSettings spamScanSettings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return ScannerSettings.spamScan(SuiteProperties.read(propertiesProvider));
    }

    /** None when {@code virusScan.clamd} is not set. */
    @Provides
    @Singleton
    Optional<ClamdClient> clamd(@Named(ScannerSettings.VIRUS_SCAN) ScannerSettings settings) {
        return settings.address().map(address -> new ClamdClient(ClamdEndpoint.parse("virusScan.clamd", address), settings.timeout()));
    }

    /** None when {@code spamScan.rspamd} is not set. */
    @Provides
    @Singleton
    Optional<RspamdClient> rspamd(@Named(ScannerSettings.SPAM_SCAN) ScannerSettings settings) {
        return settings.address().map(address -> new RspamdClient(RspamdClient.parseAddress("spamScan.rspamd", address), settings.timeout()));
    }
}
