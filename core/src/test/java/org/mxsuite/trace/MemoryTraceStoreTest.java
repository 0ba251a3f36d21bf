package org.mxsuite.trace;

class MemoryTraceStoreTest implements TraceStoreContract {
    private final TraceStore store = new MemoryTraceStore();

    @Override
    public TraceStore store() {
        return store;
    }
}
