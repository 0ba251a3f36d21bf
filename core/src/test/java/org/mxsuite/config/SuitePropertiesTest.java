package org.mxsuite.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.FileReader;
import java.io.Reader;
import java.util.Properties;
import java.util.Set;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.junit.jupiter.api.Test;

class SuitePropertiesTest {
    private static final File SHIPPED = new File("../james-conf/mxsuite.properties");

    @Test
    void everyKeyOfTheShippedFileIsOverriddenByItsOwnSystemProperty() throws Exception {
        Properties raw = new Properties();
        try (Reader reader = new FileReader(SHIPPED)) {
            raw.load(reader);
        }
        assertThat(raw.stringPropertyNames()).isNotEmpty();
        for (String key : raw.stringPropertyNames()) {
            assertThat(raw.getProperty(key)).as(key)
                .startsWith("${sys:" + SuiteProperties.systemProperty(key) + ":-").endsWith("}");
        }
    }

    @Test
    void aSystemPropertyOverridesAKeyThatHadNoPlaceholderBefore() throws Exception {
        String property = SuiteProperties.systemProperty("delivery.workers");
        assertThat(property).isEqualTo("mxsuite.delivery.workers");
        assertThat(new Configurations().properties(SHIPPED).getInt("delivery.workers")).isEqualTo(16);
        System.setProperty(property, "3");
        try {
            assertThat(new Configurations().properties(SHIPPED).getInt("delivery.workers")).isEqualTo(3);
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void theKnownKeysAreTheShippedFilesAsBuiltIntoTheJar() throws Exception {
        Properties raw = new Properties();
        try (Reader reader = new FileReader(SHIPPED)) {
            raw.load(reader);
        }
        assertThat(SuiteProperties.knownKeys()).isEqualTo(raw.stringPropertyNames());
    }

    @Test
    void aMisspeltKeyIsNamedWithTheKeyItResembles() {
        Configuration configuration = new BaseConfiguration();
        configuration.setProperty("ban.maxFailures", "3");
        configuration.setProperty("ban.maxfailure", "3");
        configuration.setProperty("greylisting.delai", "1m");
        configuration.setProperty("something.else.entirely", "x");

        assertThat(SuiteProperties.unknownKeys(configuration, Set.of("ban.maxFailures", "greylisting.delay", "dns.timeout")))
            .containsExactly("ban.maxfailure (did you mean ban.maxFailures?)", "greylisting.delai (did you mean greylisting.delay?)",
                "something.else.entirely");
    }
}
