package org.mxsuite.activity;

class MemoryActivityStoreTest implements ActivityStoreContract {
    private final ActivityStore store = new MemoryActivityStore();

    @Override
    public ActivityStore store() {
        return store;
    }
}
