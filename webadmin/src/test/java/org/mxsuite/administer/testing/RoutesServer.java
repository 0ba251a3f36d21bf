package org.mxsuite.administer.testing;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Routes served by a WebAdmin server of their own on a free port, without James: what a route does is tested on the
 * stores given to it. Close it after each test.
 */
public final class RoutesServer implements AutoCloseable {
    private final WebAdminServer server;
    private final RequestSpecification specification;

    private RoutesServer(WebAdminServer server) {
        this.server = server;
        this.specification = WebAdminUtils.buildRequestSpecification(server).build();
    }

    public static RoutesServer serving(Routes... routes) {
        return new RoutesServer(WebAdminUtils.createWebAdminServer(routes).start());
    }

    /** A request to these routes, JSON in and out. */
    public RequestSpecification given() {
        return RestAssured.given().spec(specification);
    }

    @Override
    public void close() {
        server.destroy();
    }
}
