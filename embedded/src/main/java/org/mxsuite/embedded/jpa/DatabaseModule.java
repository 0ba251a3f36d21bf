package org.mxsuite.embedded.jpa;

import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.inject.Singleton;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * The database of James's own data (users, domains, recipient rewrites, mailboxes, sieve scripts, quotas), read from
 * {@code james-database.properties} in the format James's JPA product reads: the same file configures the Docker image
 * ({@code apache/james:jpa-3.8.1}) and the embedded server. The persistence unit "Global" lists the entities
 * (META-INF/persistence.xml of this module).
 */
public final class DatabaseModule extends AbstractModule {
    static final String PERSISTENCE_UNIT = "Global";

    @Provides
    @Singleton
    EntityManagerFactory entityManagerFactory(PropertiesProvider properties) throws FileNotFoundException, ConfigurationException {
        return Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, openJpaProperties(properties.getConfiguration("james-database")));
    }

    /** The OpenJPA properties of James's format: database.*, datasource.* (connection properties) and openjpa.*. */
    static Map<String, String> openJpaProperties(Configuration database) {
        Map<String, String> openJpa = new HashMap<>();
        openJpa.put("openjpa.ConnectionDriverName", required(database, "database.driverClassName"));
        openJpa.put("openjpa.ConnectionURL", required(database, "database.url"));
        String user = database.getString("database.username", "");
        if (!user.isBlank()) {
            openJpa.put("openjpa.ConnectionUserName", user);
            openJpa.put("openjpa.ConnectionPassword", database.getString("database.password", ""));
        }
        // several threads (SMTP, IMAP, the spool) share the factory
        openJpa.put("openjpa.Multithreaded", database.getString("openjpa.Multithreaded", "true"));
        List<String> connection = new ArrayList<>();
        for (Iterator<String> keys = database.getKeys("datasource"); keys.hasNext(); ) {
            String key = keys.next();
            connection.add(key.substring("datasource.".length()) + "=" + database.getString(key));
        }
        if (!connection.isEmpty()) {
            openJpa.put("openjpa.ConnectionProperties", String.join(",", connection));
        }
        for (Iterator<String> keys = database.getKeys("openjpa"); keys.hasNext(); ) {
            String key = keys.next();
            openJpa.put(key, database.getString(key));
        }
        return openJpa;
    }

    private static String required(Configuration database, String key) {
        String value = database.getString(key, "");
        if (value.isBlank()) {
            throw new IllegalStateException("james-database.properties: " + key + " is not set");
        }
        return value;
    }
}
