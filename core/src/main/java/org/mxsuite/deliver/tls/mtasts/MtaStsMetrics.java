package org.mxsuite.deliver.tls.mtasts;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;

/**
 * MTA-STS's counters in James's metric system: TXT lookups and policy fetches made (which the caches keep to a few
 * per domain, whatever the number of messages), and failures of {@code testing} policies, delivered anyway.
 */
public final class MtaStsMetrics {
    private final Metric txtLookups;
    private final Metric policyFetches;
    private final Metric testingFailures;

    public MtaStsMetrics(MetricFactory metricFactory) {
        this.txtLookups = metricFactory.generate("mxsuite_mta_sts_txt_lookups");
        this.policyFetches = metricFactory.generate("mxsuite_mta_sts_policy_fetches");
        this.testingFailures = metricFactory.generate("mxsuite_mta_sts_testing_failures");
    }

    void txtLookup() {
        txtLookups.increment();
    }

    void policyFetch() {
        policyFetches.increment();
    }

    void testingFailure() {
        testingFailures.increment();
    }
}
