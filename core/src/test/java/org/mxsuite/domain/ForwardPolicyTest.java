package org.mxsuite.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class ForwardPolicyTest {
    @Test
    void quotingOrEscapingALocalPartDoesNotGetPastItsRules() throws Exception {
        MailAddress sales = new MailAddress("sales-team@other.example");
        ForwardPolicy policy = new ForwardPolicy(new MailAddress("owner@elsewhere.example"), Map.of("sales", sales), Set.of("old"));

        for (String old : new String[] {"old", "OLD", "\"old\"", "\"Old\"", "\"o\\ld\"", "\"\\o\\l\\d\""}) {
            assertThat(policy.rejects(old)).as(old).isTrue();
        }
        assertThat(policy.targetOf("\"sales\"")).isEqualTo(sales);
        assertThat(policy.targetOf("\"s\\ales\"")).isEqualTo(sales);
        assertThat(policy.rejects("\"old \"")).as("another mailbox").isFalse();
        assertThat(policy.rejects("\"")).isFalse();
    }
}
