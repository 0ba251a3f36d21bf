package org.mxsuite.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A state store in a fresh schema of the local PostgreSQL ({@code MXSUITE_TEST_POSTGRES_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test} as user {@code postgres}), dropped after each test.
 * Where no PostgreSQL answers the tests are skipped with that reason; with {@code MXSUITE_REQUIRE_POSTGRES=true}
 * (set by .ci/run) they fail instead, so CI never passes them silently.
 */
public class PostgresStateStoreExtension implements StateStoreExtension, BeforeAllCallback {
    public static final String URL = env("MXSUITE_TEST_POSTGRES_URL").orElse("jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("MXSUITE_TEST_POSTGRES_USER").orElse("postgres");
    public static final String PASSWORD = env("MXSUITE_TEST_POSTGRES_PASSWORD").orElse("");
    private static final boolean REQUIRED = Boolean.parseBoolean(env("MXSUITE_REQUIRE_POSTGRES").orElse("false"));

    private boolean checked;
    private String schema;
    private StateStore stateStore;

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        checked = true;
        Optional<String> unreachable = unreachableReason();
        if (unreachable.isPresent() && REQUIRED) {
            throw new IllegalStateException("MXSUITE_REQUIRE_POSTGRES is set but " + unreachable.get());
        }
        Assumptions.assumeTrue(unreachable.isEmpty(), () -> "skipped: " + unreachable.orElse(""));
    }

    public static Optional<String> unreachableReason() {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("no PostgreSQL answers at " + URL + " as " + USER + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!checked) {
            // registered on an instance field (a nested class's), JUnit calls no beforeAll: skip or fail here
            beforeAll(context);
        }
        schema = newSchemaName();
        stateStore = open();
    }

    public static String newSchemaName() {
        return "mxsuite_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Opens the same schema again, as a restarted (or a second) James node does. */
    public StateStore openAnother() {
        return open();
    }

    private StateStore open() {
        return StateStore.openPostgresql(URL, USER, PASSWORD, schema, 4);
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        if (stateStore == null) {
            return;  // skipped before it opened
        }
        stateStore.close();
        dropSchema(schema);
    }

    public static void dropSchema(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    public StateStore stateStore() {
        return stateStore;
    }
}
