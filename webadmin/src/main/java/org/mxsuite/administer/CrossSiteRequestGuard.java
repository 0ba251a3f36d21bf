package org.mxsuite.administer;

import java.io.FileNotFoundException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.webadmin.PublicRoutes;
import org.apache.james.webadmin.WebAdminConfiguration;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Refuses, on every WebAdmin route (James's own /users and /domains as much as the suite's), the requests a web
 * page may send behind the administrator's back: see {@link CrossSiteRequestPolicy}. It serves no route: it is a
 * route class only because James installs the suite's WebAdmin code from {@code extensions.routes}; a Spark
 * {@code before} filter without a path applies to every path, whichever class defined the route. It is public (in
 * James's sense) so that WebAdmin puts no authentication filter on a path it does not serve; JWT authentication,
 * when on, still guards every route.
 *
 * <p>With CORS off ({@code cors.enable}, the default), it also withdraws the {@code Access-Control-Allow-Origin: *}
 * that James 3.8.1 sends on every answer whatever that setting says.
 */
public class CrossSiteRequestGuard implements PublicRoutes {
    static final String ALLOWED_HOSTS = "mxsuite.allowedHosts";

    private final CrossSiteRequestPolicy policy;
    private final boolean corsEnabled;

    @Inject
    public CrossSiteRequestGuard(WebAdminConfiguration configuration, PropertiesProvider properties) throws ConfigurationException {
        this.corsEnabled = configuration.isEnableCORS();
        this.policy = new CrossSiteRequestPolicy(configuration.getHost(), allowedHosts(properties),
            corsEnabled ? Optional.ofNullable(configuration.getUrlCORSOrigin()) : Optional.empty());
    }

    private static Set<String> allowedHosts(PropertiesProvider properties) throws ConfigurationException {
        try {
            return Arrays.stream(properties.getConfiguration("webadmin").getStringArray(ALLOWED_HOSTS))
                .flatMap(value -> Arrays.stream(value.split("[\\s,]+")))
                .filter(name -> !name.isBlank())
                .collect(Collectors.toSet());
        } catch (FileNotFoundException e) {
            return Set.of();
        }
    }

    @Override
    public String getBasePath() {
        return "/";
    }

    @Override
    public void define(Service service) {
        service.before(this::check);
    }

    private void check(Request request, Response response) {
        if (!corsEnabled) {
            response.raw().setHeader("Access-Control-Allow-Origin", null);
        }
        boolean hasBody = request.raw().getContentLengthLong() > 0 || request.headers("Transfer-Encoding") != null;
        policy.check(new CrossSiteRequestPolicy.Request(request.requestMethod(), request.pathInfo(), request.scheme(), request.headers("Host"),
                request.headers("Origin"), request.headers("Referer"), request.headers("Content-Type"), hasBody))
            .ifPresent(refusal -> {
                throw ErrorResponder.builder().statusCode(refusal.status).type(ErrorType.INVALID_ARGUMENT)
                    .message(refusal.message).haltError();
            });
    }
}
