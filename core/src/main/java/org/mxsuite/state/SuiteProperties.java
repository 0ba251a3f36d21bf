package org.mxsuite.state;

import java.io.FileNotFoundException;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code conf/mxsuite.properties}, the suite's own settings; without the file, every setting has its default. */
public final class SuiteProperties {
    private static final Logger LOGGER = LoggerFactory.getLogger(SuiteProperties.class);
    static final String FILE = "mxsuite";

    private SuiteProperties() {
    }

    public static Configuration read(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            return propertiesProvider.getConfiguration(FILE);
        } catch (FileNotFoundException e) {
            LOGGER.warn("No conf/{}.properties: MX Suite uses its defaults (state in the embedded H2 database)", FILE);
            return new BaseConfiguration();
        }
    }
}
