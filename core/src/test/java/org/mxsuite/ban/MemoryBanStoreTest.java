package org.mxsuite.ban;

class MemoryBanStoreTest implements BanStoreContract {
    private final BanStore store = new MemoryBanStore();

    @Override
    public BanStore store() {
        return store;
    }
}
