package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.state.H2StateStoreExtension;
import org.mxsuite.domain.JdbcHostedDomainStore;

class DeliveryRulesTest {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private static final DomainName NAME = DomainName.of("customer.example");

    private JdbcHostedDomainStore domains;
    private DeliveryRules rules;

    @BeforeEach
    void setUp() {
        domains = new JdbcHostedDomainStore(h2.stateStore());
        rules = new DeliveryRules(domains);
    }

    @Test
    void aBackupOrRelayDomainIsDeliveredByItsOwnSettings() {
        HostedDomain backup = HostedDomain.holding(NAME, ServiceKind.BACKUP,
            HoldPolicy.builder().retryInterval(Duration.ofMinutes(3)).build());
        domains.put(backup);

        assertThat(rules.of(NAME)).contains(backup);
    }

    @Test
    void aDomainWeDoNotHostIsDeliveredAsABackupDomainWithTheDefaults() {
        assertThat(rules.of(NAME)).contains(HostedDomain.holding(NAME, ServiceKind.BACKUP, HoldPolicy.DEFAULT));
        assertThat(DeliveryRules.notHosted(NAME).holdPolicy()).contains(HoldPolicy.DEFAULT);
        assertThat(DeliveryRules.notHosted(NAME).holdPolicy().orElseThrow().destination()).as("its MX records").isEmpty();
    }

    @Test
    void servicesThatHoldNoMailHaveNoRules() {
        domains.put(HostedDomain.of(NAME, ServiceKind.MAILBOX));

        assertThat(rules.of(NAME)).isEmpty();
    }
}
