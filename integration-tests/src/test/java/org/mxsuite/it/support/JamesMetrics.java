package org.mxsuite.it.support;

import java.lang.management.ManagementFactory;
import java.util.Optional;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/** James's metrics, as its Dropwizard registry reports them over JMX in the test's JVM. */
public final class JamesMetrics {
    private JamesMetrics() {
    }

    /** A counter's value, 0 before its first increment. */
    public static long count(String metric) throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : mbeans.queryNames(new ObjectName("metrics:*"), null)) {
            if (metric.equals(name.getKeyProperty("name"))) {
                return ((Number) mbeans.getAttribute(name, "Count")).longValue();
            }
        }
        return 0;
    }

    /** A gauge's value, empty when no gauge of that name is registered. */
    public static Optional<Number> gauge(String metric) throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : mbeans.queryNames(new ObjectName("metrics:*"), null)) {
            if (metric.equals(name.getKeyProperty("name"))) {
                return Optional.of((Number) mbeans.getAttribute(name, "Value"));
            }
        }
        return Optional.empty();
    }
}
