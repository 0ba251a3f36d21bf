package org.mxsuite.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mxsuite.state.PostgresStateStoreExtension;

/**
 * Two {@code ./mxsuite start} nodes sharing one PostgreSQL: the suite's state in a schema of its own, James's data
 * (users, domains, mailboxes) in a database of its own. Started by the first class that asks, kept for the next,
 * stopped at the end of the run: each launch costs a JVM and a James boot, and the cluster tests need nothing of a
 * fresh cluster, so each class leaves no domain, user or ban behind. A class that kills or restarts a node, or
 * needs other settings, launches its own nodes.
 */
public final class TwoNodes implements BeforeAllCallback {
    private static TwoNodes shared;

    private String schema;
    private String database;
    private LaunchedServer nodeA;
    private LaunchedServer nodeB;

    private TwoNodes() {
    }

    /** The run's cluster, started at the first class's start. */
    public static synchronized TwoNodes shared() {
        if (shared == null) {
            shared = new TwoNodes();
        }
        return shared;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        PostgresState.assumeReachable();
        if (nodeA != null) {
            return;
        }
        schema = PostgresStateStoreExtension.newSchemaName();
        database = "james_" + schema;
        execute("CREATE DATABASE " + database);
        Map<String, String> environment = new HashMap<>(PostgresState.inSchema(schema));
        // housekeeping (expiry, delay warnings) every second rather than 30: SharedPostgresTest's delay warnings
        environment.put("MXSUITE_DELIVERY_HOUSEKEEPINGINTERVAL", "1s");
        environment.putAll(Map.of(
            "MXSUITE_DATABASE_URL", PostgresStateStoreExtension.URL.replaceFirst("/[^/]*$", "/" + database),
            "MXSUITE_DATABASE_USERNAME", PostgresStateStoreExtension.USER,
            "MXSUITE_DATABASE_PASSWORD", PostgresStateStoreExtension.PASSWORD));
        context.getRoot().getStore(ExtensionContext.Namespace.create(TwoNodes.class))
            .getOrComputeIfAbsent("cluster", key -> (ExtensionContext.Store.CloseableResource) this::close);
        // one after the other: the first creates James's tables
        nodeA = new LaunchedServer(environment).start();
        nodeB = new LaunchedServer(environment).start();
    }

    /**
     * Waits until {@code node} serves the domain as hosted: a node reads the shared registry through a cache that may
     * be a second old (CachedHostedDomainStore), so what another node just stored, or a class before just removed,
     * shows there within a second.
     */
    public static void awaitHosted(LaunchedServer node, String domain) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
        while (node.webAdmin().get("/hosted-domains/" + domain).statusCode() != 200) {
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError(domain + " is not hosted on " + node.home() + " within 10 s");
            }
            Thread.sleep(100);
        }
    }

    /** The PostgreSQL schema of the suite's state. */
    public String schema() {
        return schema;
    }

    /** Drops the mail held for these domains and the domains, through node A. */
    public void removeDomains(String... domains) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        for (String domain : domains) {
            while (nodeA.webAdmin().get("/hosted-domains/" + domain).statusCode() == 200) {
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw new AssertionError("cannot remove " + domain + " from the cluster");
                }
                java.util.List<String> held = nodeA.webAdmin().get("/hosted-domains/" + domain + "/queue").jsonPath().getList("items.id");
                for (String id : held == null ? java.util.List.<String>of() : held) {
                    nodeA.webAdmin().delete("/hosted-domains/" + domain + "/queue/" + id);
                }
                nodeA.webAdmin().delete("/hosted-domains/" + domain);
                Thread.sleep(50);
            }
        }
    }

    public LaunchedServer nodeA() {
        return nodeA;
    }

    public LaunchedServer nodeB() {
        return nodeB;
    }

    private synchronized void close() throws Exception {
        for (LaunchedServer node : new LaunchedServer[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        nodeA = null;
        nodeB = null;
        PostgresStateStoreExtension.dropSchema(schema);
        execute("DROP DATABASE IF EXISTS " + database);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(PostgresStateStoreExtension.URL, PostgresStateStoreExtension.USER,
            PostgresStateStoreExtension.PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
