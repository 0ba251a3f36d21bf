package org.mxsuite.panel;

import java.util.List;
import java.util.Optional;

/** Control panel accounts, shared by every node of one state store. */
public interface PanelAccountStore {
    /** Creates the account or replaces it; true when it was created. */
    boolean put(PanelAccount account);

    Optional<PanelAccount> get(PanelAccountName name);

    /** All accounts, by name. */
    List<PanelAccount> list();

    /** False when there was none. */
    boolean delete(PanelAccountName name);
}
