package org.mxsuite.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The settings of handlers listed through {@link SmtpHandlers}, which James hands no parameters. */
class SystemPropertiesTest {
    private static final String KEY = "mxsuite.test.systemproperties";

    @AfterEach
    void clear() {
        System.clearProperty(KEY);
        System.clearProperty("mxsuite.smtp.maxrecipients");
    }

    @Test
    void anUnsetPropertyIsTheFallback() throws Exception {
        assertThat(SystemProperties.integer(KEY, 7)).isEqualTo(7);
    }

    @Test
    void aSetPropertyIsReadAndAWrongOneRefused() throws Exception {
        System.setProperty(KEY, " 42 ");
        assertThat(SystemProperties.integer(KEY, 7)).isEqualTo(42);

        System.setProperty(KEY, "many");
        assertThatThrownBy(() -> SystemProperties.integer(KEY, 7)).isInstanceOf(ConfigurationException.class)
            .hasMessageContaining(KEY);
    }

    @Test
    void theRecipientLimitIsTheSystemPropertyUnlessAParameterGivesIt() throws Exception {
        System.setProperty("mxsuite.smtp.maxrecipients", "99");
        assertThatThrownBy(() -> new MaxRecipientsRcptHook().init(new BaseHierarchicalConfiguration()))
            .hasMessageContaining("at least 100");

        BaseHierarchicalConfiguration parameters = new BaseHierarchicalConfiguration();
        parameters.addProperty("maxRecipients", 150);
        new MaxRecipientsRcptHook().init(parameters);
    }
}
