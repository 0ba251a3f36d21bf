package org.mxsuite.deliver.tls.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What every {@link MtaStsPolicyStore} does, whatever keeps the data. */
public interface MtaStsPolicyStoreContract {
    Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.a.example\r\nmax_age: 86400\r\n";
    StoredPolicy FIRST = new StoredPolicy("id1", POLICY, NOW, NOW.plus(Duration.ofDays(1)));

    MtaStsPolicyStore store();

    /** The store as another node sharing the same data sees it (the same store where there is one node only). */
    default MtaStsPolicyStore otherNode() {
        return store();
    }

    @Test
    default void aDomainWithoutAPolicyHasNone() {
        assertThat(store().find("a.example")).isEmpty();
    }

    @Test
    default void aSavedPolicyIsFoundAsSavedByEveryNode() {
        store().save("a.example", FIRST);

        assertThat(store().find("a.example")).hasValue(FIRST);
        assertThat(otherNode().find("a.example")).hasValue(FIRST);
        assertThat(store().find("b.example")).as("per domain").isEmpty();
    }

    @Test
    default void aNewPolicyReplacesTheOldOne() {
        store().save("a.example", FIRST);
        StoredPolicy second = new StoredPolicy("id2", POLICY.replace("enforce", "testing"), NOW.plusSeconds(60),
            NOW.plus(Duration.ofDays(2)));

        otherNode().save("a.example", second);

        assertThat(store().find("a.example")).hasValue(second);
    }

    @Test
    default void aPolicyOf64KibIsKept() {
        String large = POLICY + "x_padding: " + "x".repeat(PolicyResponse.MAX_BODY - POLICY.length() - 12) + "\n";
        StoredPolicy policy = new StoredPolicy("big", large, NOW, NOW.plusSeconds(1));

        store().save("a.example", policy);

        assertThat(store().find("a.example").orElseThrow().text()).hasSize(PolicyResponse.MAX_BODY);
    }
}
