package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;
import static org.mxsuite.administer.AdminErrors.notFound;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.TrafficLimit;
import org.mxsuite.limit.Charge;
import org.mxsuite.limit.TrafficCounters;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /hosted-domains/{domain}/usage}: a hosted domain's traffic against its limits (fields {@code messagesPerDay},
 * {@code bytesPerDay}, {@code bytesPerMonth}, {@code transactionsPerDay} of its settings).
 * <pre>
 * GET  /hosted-domains/{domain}/usage                          each limit set: limit, used, remaining, resetsAt (UTC)
 * POST /hosted-domains/{domain}/usage?action=reset[&amp;limit=f]   the current period of every limit (or of one) back to 0
 * </pre>
 * Only limits that are set are counted, so only they are shown.
 */
public class DomainUsageRoutes implements Routes {
    private static final String USAGE_PATH = HostedDomainRoutes.BASE_PATH + "/:domain/usage";

    private final HostedDomainStore domains;
    private final TrafficCounters counters;

    @Inject
    public DomainUsageRoutes(HostedDomainStore domains, TrafficCounters counters) {
        this.domains = domains;
        this.counters = counters;
    }

    @Override
    public String getBasePath() {
        return USAGE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(USAGE_PATH, this::get);
        service.post(USAGE_PATH, this::reset);
    }

    private String get(Request request, Response response) {
        response.type(Constants.JSON_CONTENT_TYPE);
        return usage(existing(request)).toString();
    }

    private String reset(Request request, Response response) {
        HostedDomain domain = existing(request);
        if (!"reset".equals(request.queryParams("action"))) {
            throw invalid("action must be 'reset'");
        }
        List<TrafficLimit> limits = Arrays.asList(TrafficLimit.values());
        String only = request.queryParams("limit");
        if (only != null) {
            limits = List.of(Arrays.stream(TrafficLimit.values()).filter(limit -> limit.field().equals(only)).findFirst()
                .orElseThrow(() -> invalid("limit must be one of messagesPerDay, bytesPerDay, bytesPerMonth, transactionsPerDay")));
        }
        limits.forEach(limit -> charge(domain, limit).ifPresent(counters::reset));
        response.type(Constants.JSON_CONTENT_TYPE);
        return usage(domain).toString();
    }

    private ObjectNode usage(HostedDomain domain) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("domain", domain.name().asString());
        ObjectNode usage = json.putObject("usage");
        for (TrafficLimit limit : TrafficLimit.values()) {
            charge(domain, limit).ifPresent(charge -> {
                long used = counters.used(charge);
                ObjectNode entry = usage.putObject(limit.field());
                entry.put("limit", charge.limit());
                entry.put("used", used);
                entry.put("remaining", Math.max(0, charge.limit() - used));
                entry.put("resetsAt", counters.resetsAt(charge.window()).toString());
            });
        }
        return json;
    }

    /** The counter of one of the domain's limits, when it is set. */
    private static Optional<Charge> charge(HostedDomain domain, TrafficLimit limit) {
        return domain.limits().charges(domain.name(), EnumSet.of(limit), 0).stream().findFirst();
    }

    private HostedDomain existing(Request request) {
        DomainName name = HostedDomainRoutes.domainOf(request);
        return domains.get(name).orElseThrow(() -> notFound("no hosted domain " + name));
    }
}
