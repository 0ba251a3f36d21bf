package org.mxsuite.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedSettingsTest {
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
}
