package org.mxsuite.it.support;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.mxsuite.state.PostgresStateStoreExtension;

/** The test PostgreSQL (core's {@link PostgresStateStoreExtension} finds it) as the state store of launched nodes. */
public final class PostgresState {
    private PostgresState() {
    }

    /**
     * Skips the test, with the reason, where no PostgreSQL answers; fails it instead with MXSUITE_REQUIRE_POSTGRES=true
     * (CI, which has one, must not skip).
     */
    public static void assumeReachable() {
        Optional<String> unreachable = PostgresStateStoreExtension.unreachableReason();
        if (unreachable.isPresent() && Boolean.parseBoolean(System.getenv("MXSUITE_REQUIRE_POSTGRES"))) {
            throw new IllegalStateException("MXSUITE_REQUIRE_POSTGRES is set but " + unreachable.get());
        }
        Assumptions.assumeTrue(unreachable.isEmpty(), () -> "skipped: " + unreachable.orElse(""));
    }

    /** The environment of a launched node whose state is in this schema of the test PostgreSQL. */
    public static Map<String, String> inSchema(String schema) {
        return Map.of(
            "MXSUITE_STATE_BACKEND", "postgresql",
            "MXSUITE_STATE_POSTGRESQL_URL", PostgresStateStoreExtension.URL,
            "MXSUITE_STATE_POSTGRESQL_USER", PostgresStateStoreExtension.USER,
            "MXSUITE_STATE_POSTGRESQL_PASSWORD", PostgresStateStoreExtension.PASSWORD,
            "MXSUITE_STATE_POSTGRESQL_SCHEMA", schema);
    }
}
