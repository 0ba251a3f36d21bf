package org.mxsuite.trace;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.H2StateStoreExtension;

class H2TraceStoreTest implements TraceStoreContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Override
    public TraceStore store() {
        return new JdbcTraceStore(h2.stateStore());
    }
}
