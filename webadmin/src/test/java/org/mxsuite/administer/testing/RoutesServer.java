package org.mxsuite.administer.testing;

import java.util.function.Supplier;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Routes served by a WebAdmin server of their own on a free port, without James, for each test: what a route does is
 * tested on the stores given to it. Registered as an instance field ({@code @RegisterExtension}), after the fields
 * the routes are built from.
 */
public final class RoutesServer implements BeforeEachCallback, AfterEachCallback {
    private final Supplier<Routes> routes;
    private WebAdminServer server;
    private RequestSpecification specification;

    private RoutesServer(Supplier<Routes> routes) {
        this.routes = routes;
    }

    public static RoutesServer serving(Supplier<Routes> routes) {
        return new RoutesServer(routes);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server = WebAdminUtils.createWebAdminServer(routes.get()).start();
        specification = WebAdminUtils.buildRequestSpecification(server).build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.destroy();
    }

    /** A request to these routes, JSON in and out. */
    public RequestSpecification given() {
        return RestAssured.given().spec(specification);
    }
}
