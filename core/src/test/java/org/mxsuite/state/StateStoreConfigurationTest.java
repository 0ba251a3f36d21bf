package org.mxsuite.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.configuration2.BaseConfiguration;
import org.junit.jupiter.api.Test;

class StateStoreConfigurationTest {
    @Test
    void withoutSettingsTheStateIsInTheEmbeddedH2Database() {
        StateStoreConfiguration configuration = StateStoreConfiguration.from(new BaseConfiguration());

        assertThat(configuration.backend()).isEqualTo(StateStoreConfiguration.Backend.H2);
        assertThat(configuration.h2Path()).isEqualTo("file://var/mxsuite/state");
        assertThat(configuration.poolSize()).isEqualTo(20);
    }

    @Test
    void postgresqlNeedsAUrl() {
        BaseConfiguration properties = new BaseConfiguration();
        properties.addProperty("state.backend", "postgresql");

        assertThatThrownBy(() -> StateStoreConfiguration.from(properties)).hasMessageContaining("state.postgresql.url");
    }

    @Test
    void refusesAnUnknownBackendASchemaThatIsNoIdentifierAndAPoolTooSmallForMigrations() {
        BaseConfiguration backend = new BaseConfiguration();
        backend.addProperty("state.backend", "mysql");
        BaseConfiguration schema = new BaseConfiguration();
        schema.addProperty("state.postgresql.schema", "mx; drop table x");
        BaseConfiguration pool = new BaseConfiguration();
        pool.addProperty("state.pool.size", "1");

        assertThatThrownBy(() -> StateStoreConfiguration.from(backend)).hasMessageContaining("h2 or postgresql");
        assertThatThrownBy(() -> StateStoreConfiguration.from(schema)).hasMessageContaining("identifier");
        assertThatThrownBy(() -> StateStoreConfiguration.from(pool)).hasMessageContaining("between 2 and 200");
    }
}
