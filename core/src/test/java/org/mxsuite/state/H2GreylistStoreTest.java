package org.mxsuite.state;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.greylist.GreylistStore;
import org.mxsuite.greylist.GreylistStoreContract;

class H2GreylistStoreTest implements GreylistStoreContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Override
    public GreylistStore store() {
        return new JdbcGreylistStore(h2.stateStore());
    }
}
