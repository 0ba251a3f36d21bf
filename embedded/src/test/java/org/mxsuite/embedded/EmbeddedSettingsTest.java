package org.mxsuite.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedSettingsTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost", " 127.0.0.1 "})
    void plaintextLoginsAreAllowedOnALoopbackAddress(String bind) {
        assertThat(EmbeddedSettings.from(Path.of("var"), Map.of("MXSUITE_BIND", bind)).get("mxsuite.auth.requiretls")).isEqualTo("false");
    }

    /** A name that merely begins like a loopback address may point anywhere: only what the address is counts. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1.example.com", "127.evil.example", "0.0.0.0", "::", "192.0.2.1", "2001:db8::1", "mail.example.com", ""})
    void anyOtherBindRequiresTls(String bind) {
        assertThat(EmbeddedSettings.from(Path.of("var"), Map.of("MXSUITE_BIND", bind)).get("mxsuite.auth.requiretls")).isEqualTo("true");
    }
}
