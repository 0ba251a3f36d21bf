package org.mxsuite.state;

import org.mxsuite.state.HeldContentFiles;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

    /** H2 only: held messages' content as files (see HeldContentFiles). */
    private final Optional<HeldContentFiles> heldContent;

    private StateStore(HikariDataSource dataSource, SqlDialect dialect, String description, Optional<HeldContentFiles> heldContent) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.description = description;
        this.heldContent = heldContent;
        // the held content files' names (links to spool files among them) are on disk with the rows that name them
        this.checkpoint = dialect == SqlDialect.H2
            ? new GroupCheckpoint(dataSource, dataSource.getPoolName(), () -> heldContent.ifPresent(HeldContentFiles::syncDirectory),
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
        HeldContentFiles files = new HeldContentFiles(basePath.getAbsoluteFile().toPath().resolveSibling(basePath.getName() + "-held"));
        StateStore store = open(config, SqlDialect.H2, null, "H2 " + basePath.getAbsolutePath(), Optional.of(files));
        store.deleteUnheldContent(files);
        store.releaseLeasesOfEarlierRuns();
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

    /**
     * H2 locks its file to one process, so a lease found in it at start was taken by an earlier run that died (a
     * crash, {@code kill -9}): its messages are released to go at once, not when the lease expires ({@code delivery.lease}).
     * PostgreSQL is shared: there a lease may belong to another node that is alive, and expires instead.
     */
    private void releaseLeasesOfEarlierRuns() {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            int released = statement.executeUpdate(
                "UPDATE held_message SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL");
            if (released > 0) {
                LOGGER.info("released {} held message(s) leased by an earlier run that did not stop cleanly", released);
            }
        } catch (SQLException e) {
            LOGGER.warn("cannot release the leases of an earlier run: {}", e.toString());
        }
    }

    /** Content files whose message is not held (a crash between a row and its file); see HeldContentFiles. */
    private void deleteUnheldContent(HeldContentFiles files) {
        try (Connection connection = connection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM held_message")) {
            Set<String> held = new HashSet<>();
            while (rows.next()) {
                held.add(rows.getString(1));
            }
            int deleted = files.deleteAllBut(held, Instant.now().minusSeconds(60));
            if (deleted > 0) {
                LOGGER.info("deleted {} content file(s) of messages no longer held in {}", deleted, files.directory());
            }
        } catch (SQLException | IOException e) {
            LOGGER.warn("cannot clean up held content in {}: {}", files.directory(), e.toString());
        }
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
                                   Optional<HeldContentFiles> heldContent) {
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource, dialect, schema);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOGGER.info("MX Suite state store: {}", description);
        return new StateStore(dataSource, dialect, description, heldContent);
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

    public Optional<HeldContentFiles> heldContentFiles() {
        return heldContent;
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
