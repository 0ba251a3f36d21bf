package org.mxsuite.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.commons.configuration2.BaseConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mxsuite.domain.InvalidSettingException;

class VerifySettingsTest {
    @Test
    void theShippedDefaults() {
        VerifySettings settings = VerifySettings.defaults();

        assertThat(settings.acceptedFor()).isEqualTo(Duration.ofDays(31));
        assertThat(settings.refusedFor()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxConcurrent()).isEqualTo(50);
    }

    /** A server with an absurd setting does not start: the operator reads why. */
    @ParameterizedTest
    @CsvSource({"verify.timeout, 0s", "verify.timeout, 31s", "verify.timeout, -5s", "verify.acceptedFor, 0s",
        "verify.refusedFor, 400d", "verify.refusedFor, soon", "verify.maxConcurrent, 0"})
    void absurdValuesAreRefusedNamingTheKey(String key, String value) {
        BaseConfiguration installed = new BaseConfiguration();
        installed.addProperty(key, value);

        assertThatThrownBy(() -> VerifySettings.from(installed)).isInstanceOf(InvalidSettingException.class).hasMessageContaining(key);
    }

    @Test
    void anotherServersReplyIsKeptPrintableAndShort() {
        String reply = VerifiedRecipient.printable("550 5.1.1 <a@b>\r\n250 injected\u0000 \u00e9t\u00e9 " + "x".repeat(400));

        assertThat(reply).startsWith("550 5.1.1 <a@b>  250 injected  ?t? ".replace('?', ' ')).hasSize(VerifiedRecipient.MAX_REPLY)
            .matches("[\\x20-\\x7e]*");
    }
}
