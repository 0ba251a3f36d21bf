package org.mxsuite.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainJson;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/** Hosted domains in table {@code hosted_domain}, their settings kept in their JSON form. */
public final class JdbcHostedDomainStore implements HostedDomainStore {
    private static final List<String> KEY = List.of("domain");
    private static final List<String> COLUMNS = List.of("domain", "service", "settings", "updated_at");

    private final StateStore store;
    private final Clock clock;
    private final String upsert;

    public JdbcHostedDomainStore(StateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.upsert = store.dialect().upsert("hosted_domain", KEY, COLUMNS);
    }

    public JdbcHostedDomainStore(StateStore store) {
        this(store, Clock.systemUTC());
    }

    @Override
    public void put(HostedDomain domain) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement(upsert)) {
            statement.setString(1, domain.name().asString());
            statement.setString(2, domain.service().wireName());
            statement.setString(3, HostedDomainJson.toJsonString(domain));
            statement.setTimestamp(4, Timestamp.from(clock.instant()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot store hosted domain " + domain.name(), e);
        }
        store.awaitDurable();
    }

    @Override
    public Optional<HostedDomain> get(DomainName name) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement("SELECT domain, settings FROM hosted_domain WHERE domain = ?")) {
            statement.setString(1, name.asString());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read hosted domain " + name, e);
        }
    }

    @Override
    public List<HostedDomain> list() {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement("SELECT domain, settings FROM hosted_domain ORDER BY domain");
             ResultSet rows = statement.executeQuery()) {
            List<HostedDomain> domains = new ArrayList<>();
            while (rows.next()) {
                domains.add(read(rows));
            }
            return domains;
        } catch (SQLException e) {
            throw new StateStoreException("cannot list hosted domains", e);
        }
    }

    @Override
    public boolean remove(DomainName name) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM hosted_domain WHERE domain = ?")) {
            statement.setString(1, name.asString());
            return store.afterDurable(statement.executeUpdate() > 0);
        } catch (SQLException e) {
            throw new StateStoreException("cannot remove hosted domain " + name, e);
        }
    }

    private static HostedDomain read(ResultSet rows) throws SQLException {
        return HostedDomainJson.parseStored(DomainName.of(rows.getString("domain")), rows.getString("settings"));
    }
}
