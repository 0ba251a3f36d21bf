package org.mxsuite.dkim;

class MemoryDkimKeyStoreTest implements DkimKeyStoreContract {
    private final DkimKeyStore store = new MemoryDkimKeyStore();

    @Override
    public DkimKeyStore store() {
        return store;
    }
}
