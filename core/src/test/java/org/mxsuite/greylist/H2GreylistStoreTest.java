package org.mxsuite.greylist;

import org.mxsuite.state.H2StateStoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2GreylistStoreTest implements GreylistStoreContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Override
    public GreylistStore store() {
        return new JdbcGreylistStore(h2.stateStore());
    }
}
