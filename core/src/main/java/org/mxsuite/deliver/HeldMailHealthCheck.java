package org.mxsuite.deliver;

import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.mxsuite.hold.HoldQueue;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Degraded while a destination that holds mail does not answer, naming each such domain, what it last said and
 * how much it holds (held mail is safe: this is never "unhealthy"). Loaded by James through
 * {@code additional.healthchecks} in healthcheck.properties.
 */
public class HeldMailHealthCheck implements HealthCheck {
    private static final ComponentName COMPONENT = new ComponentName("MX Suite held mail");

    private final HoldQueue queue;
    private final DeliveryEngine engine;

    @Inject
    public HeldMailHealthCheck(HoldQueue queue, DeliveryEngine engine) {
        this.queue = queue;
        this.engine = engine;
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(this::evaluate).subscribeOn(Schedulers.boundedElastic());
    }

    private Result evaluate() {
        List<String> unreachable = queue.dueTimes().keySet().stream()
            .filter(engine::isDestinationDown)
            .map(domain -> domain + " holds " + queue.usage(domain).messages() + " messages, its server does not answer ("
                + engine.lastFailure(domain).orElse("unknown") + ")")
            .collect(Collectors.toList());
        if (unreachable.isEmpty()) {
            return Result.healthy(COMPONENT);
        }
        return Result.degraded(COMPONENT, String.join("; ", unreachable));
    }
}
