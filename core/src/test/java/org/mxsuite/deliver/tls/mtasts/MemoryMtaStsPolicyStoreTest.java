package org.mxsuite.deliver.tls.mtasts;

class MemoryMtaStsPolicyStoreTest implements MtaStsPolicyStoreContract {
    private final MtaStsPolicyStore store = new MemoryMtaStsPolicyStore();

    @Override
    public MtaStsPolicyStore store() {
        return store;
    }
}
