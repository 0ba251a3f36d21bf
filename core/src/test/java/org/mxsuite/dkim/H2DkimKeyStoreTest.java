package org.mxsuite.dkim;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.H2StateStoreExtension;

class H2DkimKeyStoreTest implements DkimKeyStoreContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Override
    public DkimKeyStore store() {
        return new JdbcDkimKeyStore(h2.stateStore());
    }
}
