package org.mxsuite.deliver.tls.mtasts;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.H2StateStoreExtension;

class H2MtaStsPolicyStoreTest implements MtaStsPolicyStoreContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Override
    public MtaStsPolicyStore store() {
        return new JdbcMtaStsPolicyStore(h2.stateStore());
    }
}
