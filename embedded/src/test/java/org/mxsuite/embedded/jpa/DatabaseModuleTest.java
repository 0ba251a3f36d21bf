package org.mxsuite.embedded.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.configuration2.BaseConfiguration;
import org.junit.jupiter.api.Test;

class DatabaseModuleTest {
    @Test
    void jamesDatabaseFormatBecomesOpenJpaProperties() {
        BaseConfiguration database = new BaseConfiguration();
        database.addProperty("database.driverClassName", "org.apache.derby.jdbc.EmbeddedDriver");
        database.addProperty("database.url", "jdbc:derby:/data/derby;create=true");
        database.addProperty("database.username", "app");
        database.addProperty("database.password", "secret");
        database.addProperty("datasource.maxTotal", "8");
        database.addProperty("openjpa.Log", "none");

        assertThat(DatabaseModule.openJpaProperties(database))
            .containsEntry("openjpa.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver")
            .containsEntry("openjpa.ConnectionURL", "jdbc:derby:/data/derby;create=true")
            .containsEntry("openjpa.ConnectionUserName", "app")
            .containsEntry("openjpa.ConnectionPassword", "secret")
            .containsEntry("openjpa.ConnectionProperties", "maxTotal=8")
            .containsEntry("openjpa.Multithreaded", "true")
            .containsEntry("openjpa.Log", "none");
    }

    @Test
    void aDatabaseWithoutUrlIsAClearErrorAtStart() {
        BaseConfiguration database = new BaseConfiguration();
        database.addProperty("database.driverClassName", "org.apache.derby.jdbc.EmbeddedDriver");

        assertThatThrownBy(() -> DatabaseModule.openJpaProperties(database))
            .hasMessageContaining("james-database.properties: database.url is not set");
    }
}
