package org.mxsuite.state;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Adding to a counter row within a limit, exact across nodes: a conditional UPDATE ({@code used + n <= limit}, the
 * database locks the row, and a concurrent one re-reads the count after the first commits); when there is no row
 * yet, an INSERT; two nodes inserting at once collide on the key, and the loser's UPDATE decides.
 */
public final class ConditionalAdd {
    private static final String UNIQUE_VIOLATION = "23505";

    /** One statement on the connection: true when it changed a row. */
    @FunctionalInterface
    public interface Step {
        boolean run(Connection connection) throws SQLException;
    }

    private ConditionalAdd() {
    }

    /**
     * Whether the amount was added: {@code update} (conditional), else {@code insert} when the amount alone fits
     * ({@code insertFits}), else {@code update} again (another node inserted the row meanwhile, or the count is over).
     */
    public static boolean add(Connection connection, Step update, Step insert, boolean insertFits) throws SQLException {
        if (update.run(connection)) {
            return true;
        }
        if (insertFits && inserted(connection, insert)) {
            return true;
        }
        return update.run(connection);
    }

    private static boolean inserted(Connection connection, Step insert) throws SQLException {
        try {
            return insert.run(connection);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
