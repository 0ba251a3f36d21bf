package org.mxsuite.limit;

class MemoryCounterStoreTest implements CounterStoreContract {
    private final CounterStore store = new MemoryCounterStore();

    @Override
    public CounterStore store() {
        return store;
    }
}
