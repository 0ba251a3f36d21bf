package org.mxsuite.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link RelayAccountStore} in this process's memory; accounts are immutable, so a map of them is the whole store. */
public final class MemoryRelayAccountStore implements RelayAccountStore {
    private final ConcurrentSkipListMap<String, RelayAccount> accounts = new ConcurrentSkipListMap<>();

    @Override
    public boolean put(RelayAccount account) {
        return accounts.put(account.name().asString(), account) == null;
    }

    @Override
    public Optional<RelayAccount> get(RelayAccountName name) {
        return Optional.ofNullable(accounts.get(name.asString()));
    }

    @Override
    public List<RelayAccount> list() {
        return new ArrayList<>(accounts.values());
    }

    @Override
    public boolean delete(RelayAccountName name) {
        return accounts.remove(name.asString()) != null;
    }
}
