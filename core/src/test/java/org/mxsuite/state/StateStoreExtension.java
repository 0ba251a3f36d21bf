package org.mxsuite.state;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;

/** Gives each test a fresh, migrated state store of one backend. */
public interface StateStoreExtension extends BeforeEachCallback, AfterEachCallback {
    StateStore stateStore();
}
