package org.mxsuite.panel.web;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.onami.lifecycle.DisposingStager;
import org.apache.james.utils.UserDefinedStartable;

/** Starts the control panel with James when {@code panel.enabled} ({@code guice.extension.startable}), stops it with James. */
public class PanelStartup implements UserDefinedStartable {
    private final PanelSettings settings;
    private final PanelServer server;
    private final DisposingStager<PreDestroy> stopping;

    @Inject
    public PanelStartup(PanelSettings settings, PanelServer server, DisposingStager<PreDestroy> stopping) {
        this.settings = settings;
        this.server = server;
        this.stopping = stopping;
    }

    @Override
    public void start() {
        if (settings.enabled()) {
            server.start();
            stopping.register(server);
        }
    }
}
