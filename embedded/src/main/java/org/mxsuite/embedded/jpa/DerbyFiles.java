package org.mxsuite.embedded.jpa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where the embedded server keeps its Derby database: {@code var/store/derby} of James's working directory, as in
 * James's JPA image (whose working directory is /root: {@code ../var/store/derby}), and Derby's own log beside it.
 */
public final class DerbyFiles {
    private DerbyFiles() {
    }

    public static Path database(Path workingDirectory) {
        return workingDirectory.resolve("var/store/derby");
    }

    public static String url(Path workingDirectory) {
        return "jdbc:derby:" + database(workingDirectory).toAbsolutePath() + ";create=true";
    }

    /** Whether a database URL names files of an embedded Derby, which one process opens at a time (not jdbc:derby://). */
    public static boolean isEmbedded(String databaseUrl) {
        return databaseUrl.startsWith("jdbc:derby:") && !databaseUrl.startsWith("jdbc:derby://");
    }

    /** Derby writes derby.log into the current directory unless told otherwise. */
    public static String logFile(Path workingDirectory) {
        return workingDirectory.resolve("var/store/derby.log").toAbsolutePath().toString();
    }

    /** The directory of the database and its log, which Derby needs to exist before it opens its log. */
    public static void prepare(Path workingDirectory) {
        Path store = workingDirectory.resolve("var/store");
        try {
            Files.createDirectories(store);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + store, e);
        }
    }

    /**
     * Closes the database in this JVM, so that its files can be deleted or opened by another process; a server
     * stopped and started again in the same JVM (the tests) boots it again. Derby answers a successful shutdown with
     * SQL state 08006.
     */
    public static void shutdown(Path workingDirectory) {
        try {
            DriverManager.getConnection("jdbc:derby:" + database(workingDirectory).toAbsolutePath() + ";shutdown=true").close();
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                throw new IllegalStateException("cannot close the Derby database of " + workingDirectory, e);
            }
        }
    }
}
