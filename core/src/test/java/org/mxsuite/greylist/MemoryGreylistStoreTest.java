package org.mxsuite.greylist;

class MemoryGreylistStoreTest implements GreylistStoreContract {
    private final GreylistStore store = new MemoryGreylistStore();

    @Override
    public GreylistStore store() {
        return store;
    }
}
