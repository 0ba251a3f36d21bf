package org.mxsuite.deliver.throttle;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.H2StateStoreExtension;

class H2DeliveryThrottleStoreTest implements DeliveryThrottleStoreContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Override
    public DeliveryThrottleStore store() {
        return new JdbcDeliveryThrottleStore(h2.stateStore());
    }
}
