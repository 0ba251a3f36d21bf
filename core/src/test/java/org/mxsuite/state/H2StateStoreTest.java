package org.mxsuite.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2StateStoreTest {
    @RegisterExtension
    H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Test
    void whatAFeatureSyncsRunsBeforeADurableCommitIsAcknowledged() {
        AtomicInteger synced = new AtomicInteger();
        h2.stateStore().syncBeforeCheckpoints(synced::incrementAndGet);

        h2.stateStore().awaitDurable();
        assertThat(synced).hasValue(1);
        h2.stateStore().awaitDurablePatiently();
        assertThat(synced).hasValue(2);
    }

    @Test
    void aFeaturesLocalDirectoryIsNamedAfterTheDatabase() {
        assertThat(h2.stateStore().localDirectory("held").orElseThrow().getFileName().toString()).isEqualTo("state-held");
    }
}
