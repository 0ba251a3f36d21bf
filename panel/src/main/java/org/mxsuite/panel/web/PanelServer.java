package org.mxsuite.panel.web;

import java.io.Closeable;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Service;

/**
 * The control panel's web server (Spark on Jetty, as James's WebAdmin), on a listener of its own. Every answer
 * carries a Content-Security-Policy that allows no script, no frame and no other origin (the pages have none), and is
 * never cached.
 */
public final class PanelServer implements Closeable {
    private static final Logger LOGGER = LoggerFactory.getLogger(PanelServer.class);
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
        + " frame-ancestors 'none'; base-uri 'none'";

    private final PanelSettings settings;
    private final List<PanelRoutes> pages;
    private Service service;

    PanelServer(PanelSettings settings, List<PanelRoutes> pages) {
        this.settings = settings;
        this.pages = List.copyOf(pages);
    }

    public synchronized void start() {
        if (service != null) {
            return;
        }
        Service started = Service.ignite().ipAddress(settings.bind()).port(settings.port());
        if (!settings.loopbackOnly()) {
            String keystore = settings.keystore().orElseThrow(() -> new IllegalStateException(
                "the control panel listens on " + settings.bind() + " beyond loopback and needs a keystore for HTTPS:"
                    + " set panel.keystore or the server's keystore (mxsuite.tls.keystore)")).toString();
            started.secure(keystore, settings.keystoreSecret(), null, null);
        }
        started.before((request, response) -> {
            response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.header("X-Content-Type-Options", "nosniff");
            response.header("Referrer-Policy", "no-referrer");
            response.header("Cache-Control", "no-store");
            response.type("text/html; charset=utf-8");
        });
        started.get("/panel.css", (request, response) -> {
            response.type("text/css; charset=utf-8");
            return Html.STYLE;
        });
        pages.forEach(page -> page.define(started));
        started.init();
        started.awaitInitialization();
        service = started;
        LOGGER.info("MX Suite control panel on {}://{}:{}", settings.loopbackOnly() ? "http" : "https", settings.bind(), started.port());
    }

    /** The port listened on (the configured one, or the one taken when it was 0). */
    public int port() {
        return service.port();
    }

    @Override
    public synchronized void close() {
        if (service != null) {
            service.stop();
            service.awaitStop();
            service = null;
        }
    }
}
