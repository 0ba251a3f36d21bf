package org.mxsuite.deliver.throttle;

class MemoryDeliveryThrottleStoreTest implements DeliveryThrottleStoreContract {
    private final DeliveryThrottleStore store = new MemoryDeliveryThrottleStore();

    @Override
    public DeliveryThrottleStore store() {
        return store;
    }
}
