package org.mxsuite.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @TempDir
    Path home;

    @Test
    void jamesDataIsInDerbyFilesUnderTheHomeByDefault() {
        EmbeddedSettings settings = EmbeddedSettings.from(home, Map.of());

        assertThat(settings.get("mxsuite.database.url")).isEqualTo("jdbc:derby:" + home.toAbsolutePath() + "/var/store/derby;create=true");
        assertThat(settings.get("mxsuite.database.driver")).isNull();
        assertThat(settings.get("mxsuite.search.index")).isNull();
    }

    @Test
    void aPostgresqlUrlBringsItsDriverAndASearchThatEveryNodeShares() {
        EmbeddedSettings settings = EmbeddedSettings.from(home, Map.of("MXSUITE_DATABASE_URL", "jdbc:postgresql://db:5432/james"));

        assertThat(settings.get("mxsuite.database.url")).isEqualTo("jdbc:postgresql://db:5432/james");
        assertThat(settings.get("mxsuite.database.driver")).isEqualTo("org.postgresql.Driver");
        assertThat(settings.get("mxsuite.database.vendor")).isEqualTo("POSTGRESQL");
        assertThat(settings.get("mxsuite.search.index")).isEqualTo("scan");
    }

    @Test
    void whatTheEnvironmentSaysWins() {
        EmbeddedSettings settings = EmbeddedSettings.from(home, Map.of("MXSUITE_DATABASE_URL", "jdbc:postgresql://db/james",
            "MXSUITE_SEARCH_INDEX", "lucene"));

        assertThat(settings.get("mxsuite.search.index")).isEqualTo("lucene");
    }

    @Test
    void everySettingOfMxsuitePropertiesCanBeSetByItsVariableAndAMisspeltVariableIsNamed() throws Exception {
        ServerHome serverHome = new ServerHome(home);
        serverHome.installConfiguration(Path.of("../james-conf"));

        assertThat(serverHome.placeholders()).contains("mxsuite.smtp.port", "mxsuite.delivery.workers",
            "mxsuite.greylisting.allow.clientnames", "mxsuite.database.url");
        assertThat(EmbeddedSettings.unusedVariables(Map.of("MXSUITE_DELIVERY_WORKERS", "3", "MXSUITE_DELIVERY_WORKER", "3",
            "MXSUITE_HOME", "var", "MXSUITE_SEARCH_INDEX", "scan", "MXSUITE_BIND", "127.0.0.1", "PATH", "/bin"), serverHome.placeholders()))
            .containsExactly("MXSUITE_DELIVERY_WORKER");
    }
}
