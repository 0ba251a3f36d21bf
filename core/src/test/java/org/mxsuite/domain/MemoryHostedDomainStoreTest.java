package org.mxsuite.domain;

class MemoryHostedDomainStoreTest implements HostedDomainStoreContract {
    private final HostedDomainStore store = new MemoryHostedDomainStore();

    @Override
    public HostedDomainStore store() {
        return store;
    }
}
