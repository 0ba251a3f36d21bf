package org.mxsuite.deliver;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.onami.lifecycle.DisposingStager;
import org.apache.james.utils.UserDefinedStartable;

/**
 * Starts the delivery engine with James ({@code guice.extension.startable}) and registers it in James's stop
 * sequence, so that a stopped server leaves no thread delivering (before the state store closes).
 */
public class DeliveryEngineStartup implements UserDefinedStartable {
    private final DeliveryEngine engine;
    private final DisposingStager<PreDestroy> stopping;

    @Inject
    public DeliveryEngineStartup(DeliveryEngine engine, DisposingStager<PreDestroy> stopping) {
        this.engine = engine;
        this.stopping = stopping;
    }

    @Override
    public void start() {
        engine.start();
        stopping.register(engine);
    }
}
