package org.mxsuite.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;

import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.convert.DefaultListDelimiterHandler;
import org.junit.jupiter.api.Test;

class ForwardSettingsTest {
    @Test
    void everySecretOfTheFileIsKeptInItsOrderAsJamesReadsTheFile() throws Exception {
        // as James's PropertiesProvider reads conf/mxsuite.properties: ',' separates the values of a list
        PropertiesConfiguration file = new PropertiesConfiguration();
        file.setListDelimiterHandler(new DefaultListDelimiterHandler(','));
        file.read(new StringReader("forward.srsSecrets=the-new-secret-signs, the-old-one-still-verifies\n"));

        assertThat(ForwardSettings.from(file).srsSecrets()).containsExactly("the-new-secret-signs", "the-old-one-still-verifies");
    }
}
