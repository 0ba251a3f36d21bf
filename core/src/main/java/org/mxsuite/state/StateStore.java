package org.mxsuite.state;

import java.io.Closeable;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The suite's own database: a connection pool on H2 (embedded) or PostgreSQL (shared by several James nodes),
 * migrated to the current schema version when opened. Every store of the suite works on one of these.
 */
public final class StateStore implements Closeable {
    private static final Logger LOGGER = LoggerFactory.getLogger(StateStore.class);
    private static final String MIGRATIONS = "classpath:org/mxsuite/state/migration";

    private final HikariDataSource dataSource;
    private final SqlDialect dialect;
    private final String description;

    private StateStore(HikariDataSource dataSource, SqlDialect dialect, String description) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.description = description;
    }

    /**
     * An H2 database in files next to {@code basePath} ({@code basePath.mv.db}).
     * WRITE_DELAY=0: a committed transaction is on disk before the commit returns, since what we commit was
     * already acknowledged to somebody (an SMTP client, a REST caller).
     */
    public static StateStore openH2(File basePath, int poolSize) {
        String url = "jdbc:h2:file:" + basePath.getAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
        HikariConfig config = pool("mxsuite-h2", url, "sa", "", poolSize);
        config.setDriverClassName(org.h2.Driver.class.getName());
        return open(config, SqlDialect.H2, null, "H2 " + basePath.getAbsolutePath());
    }

    public static StateStore openPostgresql(String url, String user, String password, String schema, int poolSize) {
        HikariConfig config = pool("mxsuite-postgresql", url, user, password, poolSize);
        config.setDriverClassName(org.postgresql.Driver.class.getName());
        config.setSchema(schema);
        return open(config, SqlDialect.POSTGRESQL, schema, "PostgreSQL " + url + " schema " + schema);
    }

    private static HikariConfig pool(String name, String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        return config;
    }

    private static StateStore open(HikariConfig config, SqlDialect dialect, String schema, String description) {
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource, dialect, schema);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOGGER.info("MX Suite state store: {}", description);
        return new StateStore(dataSource, dialect, description);
    }

    private static void migrate(DataSource dataSource, SqlDialect dialect, String schema) {
        var configuration = Flyway.configure(StateStore.class.getClassLoader())
            .dataSource(dataSource)
            .placeholders(Map.of("blob_type", dialect.blobType()))
            .locations(MIGRATIONS)
            .table("mxsuite_schema_history");
        if (schema != null) {
            configuration.schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        MigrateResult result = configuration.load().migrate();
        LOGGER.info("MX Suite state schema: {} migrations applied, now at version {}", result.migrationsExecuted,
            result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
