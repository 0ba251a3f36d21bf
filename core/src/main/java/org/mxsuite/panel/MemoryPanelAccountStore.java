package org.mxsuite.panel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Panel accounts of one node, for tests that need no database. */
public final class MemoryPanelAccountStore implements PanelAccountStore {
    private final ConcurrentSkipListMap<PanelAccountName, PanelAccount> accounts = new ConcurrentSkipListMap<>();

    @Override
    public boolean put(PanelAccount account) {
        return accounts.put(account.name(), account) == null;
    }

    @Override
    public Optional<PanelAccount> get(PanelAccountName name) {
        return Optional.ofNullable(accounts.get(name));
    }

    @Override
    public List<PanelAccount> list() {
        return new ArrayList<>(accounts.values());
    }

    @Override
    public boolean delete(PanelAccountName name) {
        return accounts.remove(name) != null;
    }
}
