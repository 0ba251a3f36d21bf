package org.mxsuite.verify;

class MemoryVerifiedRecipientStoreTest implements VerifiedRecipientStoreContract {
    private final VerifiedRecipientStore store = new MemoryVerifiedRecipientStore();

    @Override
    public VerifiedRecipientStore store() {
        return store;
    }
}
