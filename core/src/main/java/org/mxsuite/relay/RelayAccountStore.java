package org.mxsuite.relay;

import java.util.List;
import java.util.Optional;

/** Relay accounts, shared by every node of one state store. */
public interface RelayAccountStore {
    /** Creates the account or replaces its settings; true when it was created. */
    boolean put(RelayAccount account);

    Optional<RelayAccount> get(RelayAccountName name);

    /** All accounts, by name. */
    List<RelayAccount> list();

    /** Revokes the account; false when there was none. */
    boolean delete(RelayAccountName name);
}
