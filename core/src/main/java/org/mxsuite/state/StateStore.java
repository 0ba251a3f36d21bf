package org.mxsuite.state;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

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
    /** H2: how long patient durability requests may wait for others (measured best of 0, 15 ms, bench/README.md). */
    private static final Duration PATIENT_CHECKPOINT_SPACING = Duration.ofMillis(15);

    private final HikariDataSource dataSource;
    private final SqlDialect dialect;
    private final String description;
    /** H2 only: PostgreSQL's commit is on disk when it returns. */
    private final GroupCheckpoint checkpoint;
    /** H2 only: the path the database's files are named after. */
    private final Optional<Path> h2BasePath;
    /** What features keep beside the database, synced before each checkpoint (see {@link #syncBeforeCheckpoints}). */
    private final List<Runnable> beforeCheckpoint = new CopyOnWriteArrayList<>();

    private StateStore(HikariDataSource dataSource, SqlDialect dialect, String description, Optional<Path> h2BasePath) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.description = description;
        this.h2BasePath = h2BasePath;
        this.checkpoint = dialect == SqlDialect.H2
            ? new GroupCheckpoint(dataSource, dataSource.getPoolName(), () -> beforeCheckpoint.forEach(Runnable::run),
                PATIENT_CHECKPOINT_SPACING)
            : null;
    }

    /**
     * An H2 database in files next to {@code basePath} ({@code basePath.mv.db}). H2 writes committed changes to its
     * file in the background (within WRITE_DELAY); a store whose commit acknowledges something to somebody (an SMTP
     * client, a REST caller, a delivered message) calls {@link #awaitDurable()} after it, which writes and syncs the
     * file for all such commits at once.
     */
    public static StateStore openH2(File basePath, int poolSize) {
        // addresses and held mail: H2 makes its files under the umask, so they live in an owner-only directory
        Path database = basePath.getAbsoluteFile().toPath();
        try {
            OwnerOnlyFiles.directory(database.getParent());
        } catch (IOException e) {
            throw new StateStoreException("cannot make the directory of the H2 database " + database, e);
        }
        HikariConfig config = pool("mxsuite-h2", h2Url(basePath), "sa", "", poolSize);
        config.setDriverClassName(org.h2.Driver.class.getName());
        StateStore store = open(config, SqlDialect.H2, null, "H2 " + basePath.getAbsolutePath(), Optional.of(database));
        try {
            // one made by an earlier version under the umask
            OwnerOnlyFiles.restrict(database.resolveSibling(database.getFileName() + ".mv.db"));
        } catch (IOException e) {
            throw new StateStoreException("cannot restrict the H2 database " + database + " to its owner", e);
        }
        return store;
    }

    /** The JDBC URL of the H2 database next to {@code basePath}, with the settings the store relies on. */
    public static String h2Url(File basePath) {
        return "jdbc:h2:file:" + basePath.getAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=500";
    }

    public static StateStore openPostgresql(String url, String user, String password, String schema, int poolSize) {
        HikariConfig config = pool("mxsuite-postgresql", url, user, password, poolSize);
        config.setDriverClassName(org.postgresql.Driver.class.getName());
        config.setSchema(schema);
        return open(config, SqlDialect.POSTGRESQL, schema, "PostgreSQL " + url + " schema " + schema, Optional.empty());
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

    private static StateStore open(HikariConfig config, SqlDialect dialect, String schema, String description,
                                   Optional<Path> h2BasePath) {
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource, dialect, schema);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOGGER.info("MX Suite state store: {}", description);
        return new StateStore(dataSource, dialect, description, h2BasePath);
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

    /**
     * H2 only: the directory {@code <database>-<name>} next to the database's files, where a feature keeps files of
     * its own (held content in {@code state-held}); PostgreSQL, shared by several nodes, has no local directory.
     * Not made here: its user makes it, owner-only as the database's.
     */
    public Optional<Path> localDirectory(String name) {
        return h2BasePath.map(base -> base.resolveSibling(base.getFileName() + "-" + name));
    }

    /**
     * Has {@code sync} run before each checkpoint that syncs the database (H2; PostgreSQL has none), with nothing
     * committed yet acknowledged: for what must be on disk with the commits that checkpoint covers, such as the
     * names of files that committed rows refer to. It runs on the checkpoint thread and must not throw.
     */
    public void syncBeforeCheckpoints(Runnable sync) {
        beforeCheckpoint.add(sync);
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Returns once every transaction committed before this call is on disk (synced): call it after a commit that
     * somebody is told about. With PostgreSQL the commit itself was; with H2 the callers of the moment share one
     * {@code CHECKPOINT SYNC}.
     */
    public void awaitDurable() {
        await(durable());
    }

    private static void await(CompletableFuture<Void> durable) {
        try {
            durable.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StateStoreException
                ? (StateStoreException) e.getCause() : new StateStoreException("cannot write the state store to disk", e.getCause());
        }
    }

    /** Returns {@code result} once what was committed before this call is on disk (see {@link #awaitDurable()}). */
    public <T> T afterDurable(T result) {
        awaitDurable();
        return result;
    }

    /**
     * As {@link #awaitDurable()}, for a caller that no client waits on (James's spool threads, whose mail was
     * acknowledged when it was spooled): its commit may wait a few milliseconds for others to share its checkpoint.
     */
    public void awaitDurablePatiently() {
        await(durablePatiently());
    }

    /** As {@link #awaitDurable()}, without waiting: completes once what was committed before this call is on disk. */
    public CompletableFuture<Void> durable() {
        return checkpoint == null ? CompletableFuture.completedFuture(null) : checkpoint.request();
    }

    /** As {@link #durable()}, for what nobody waits on: the sync may wait a few milliseconds for others to share it. */
    public CompletableFuture<Void> durablePatiently() {
        return checkpoint == null ? CompletableFuture.completedFuture(null) : checkpoint.requestPatiently();
    }

    /**
     * Completes once what was committed before this call survives a crash of this process: with H2, once it is
     * written to the file (a later checkpoint syncs it); PostgreSQL's commit is already on disk.
     */
    public CompletableFuture<Void> written() {
        return checkpoint == null ? CompletableFuture.completedFuture(null) : checkpoint.requestWritten();
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        if (checkpoint != null) {
            checkpoint.close();
        }
        dataSource.close();
    }
}
