package org.mxsuite.administer;

import javax.inject.Inject;

import org.apache.james.webadmin.dropwizard.MetricsRoutes;

import com.codahale.metrics.MetricRegistry;

/**
 * {@code GET /metrics}: James's registry in Prometheus' text format, by James's own route. It is named here, in our
 * package, because the plugin jar carries James's route relocated (James's JPA image lacks it, and a later James
 * that has it must not meet a second copy under the same name).
 */
public final class MetricsRoute extends MetricsRoutes {
    @Inject
    public MetricsRoute(MetricRegistry registry) {
        super(registry);
    }
}
