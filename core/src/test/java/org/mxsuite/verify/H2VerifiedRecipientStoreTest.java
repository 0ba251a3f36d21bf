package org.mxsuite.verify;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.H2StateStoreExtension;

class H2VerifiedRecipientStoreTest implements VerifiedRecipientStoreContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Override
    public VerifiedRecipientStore store() {
        return new JdbcVerifiedRecipientStore(h2.stateStore());
    }
}
