package org.mxsuite.state;

import org.mxsuite.config.SuiteProperties;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;

/**
 * Where the suite keeps its state, read from {@code conf/mxsuite.properties}:
 * <pre>
 * state.backend=h2                                # or postgresql
 * state.h2.path=file://var/mxsuite/state          # James file URL of the H2 database (embedded default)
 * state.postgresql.url=jdbc:postgresql://127.0.0.1:5432/mxsuite
 * state.postgresql.user=mxsuite
 * state.postgresql.password=secret
 * state.postgresql.schema=mxsuite
 * state.pool.size=10
 * </pre>
 */
public final class StateStoreConfiguration {
    public enum Backend {
        H2, POSTGRESQL;

        static Backend parse(String raw) {
            return Arrays.stream(values())
                .filter(backend -> backend.name().equalsIgnoreCase(raw.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("state.backend must be h2 or postgresql, was '" + raw + "'"));
        }
    }

    private final Backend backend;
    private final String h2Path;
    private final Optional<String> postgresqlUrl;
    private final String user;
    private final String password;
    private final String schema;
    private final int poolSize;

    private StateStoreConfiguration(Backend backend, String h2Path, Optional<String> postgresqlUrl, String user,
                                    String password, String schema, int poolSize) {
        this.backend = backend;
        this.h2Path = h2Path;
        this.postgresqlUrl = postgresqlUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.poolSize = poolSize;
    }

    public static StateStoreConfiguration from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        Backend backend = Backend.parse(configuration.getString("state.backend"));
        Optional<String> url = Optional.of(configuration.getString("state.postgresql.url"))
            .filter(value -> !value.isBlank());
        if (backend == Backend.POSTGRESQL && url.isEmpty()) {
            throw new IllegalArgumentException("state.backend=postgresql needs state.postgresql.url");
        }
        String schema = configuration.getString("state.postgresql.schema").toLowerCase(Locale.ROOT);
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("state.postgresql.schema '" + schema + "' is not a plain SQL identifier");
        }
        int poolSize = configuration.getInt("state.pool.size");
        // migrations take two connections at once
        if (poolSize < 2 || poolSize > 200) {
            throw new IllegalArgumentException("state.pool.size must be between 2 and 200, was " + poolSize);
        }
        return new StateStoreConfiguration(backend,
            configuration.getString("state.h2.path"),
            url,
            configuration.getString("state.postgresql.user"),
            configuration.getString("state.postgresql.password"),
            schema,
            poolSize);
    }

    public Backend backend() {
        return backend;
    }

    public String h2Path() {
        return h2Path;
    }

    public Optional<String> postgresqlUrl() {
        return postgresqlUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String schema() {
        return schema;
    }

    public int poolSize() {
        return poolSize;
    }
}
