package org.mxsuite.panel.web;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.mxsuite.deliver.DeliveryEngine;
import org.mxsuite.deliver.DestinationStatus;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.hold.HoldQueue;

import spark.Service;

/**
 * The health of every destination the suite holds mail for: each domain with held mail (hosted domains, and the
 * recipient domains of relayed mail), where its mail goes, whether that answers as far as this node knows, the last
 * failure, how much is held, and when the next delivery or probe is due. Read only.
 */
final class DestinationPages extends OperatorPage {
    private static final String PATH = "/destinations";

    private final HostedDomainStore domains;
    private final HoldQueue queue;
    private final DeliveryEngine engine;

    DestinationPages(Visit visit, HostedDomainStore domains, HoldQueue queue, DeliveryEngine engine) {
        super(visit, PATH, "Destinations");
        this.domains = domains;
        this.queue = queue;
        this.engine = engine;
    }

    @Override
    public void define(Service service) {
        service.get(PATH, this::show);
    }

    @Override
    String content(Visit.SignedIn operator) {
        Map<DomainName, Instant> due = new TreeMap<>(queue.dueTimes());
        if (due.isEmpty()) {
            return "<p id=\"no-destinations\">No mail is held: no destination to watch.</p>";
        }
        StringBuilder rows = new StringBuilder();
        for (Map.Entry<DomainName, Instant> domain : due.entrySet()) {
            Optional<HostedDomain> hosted = domains.get(domain.getKey());
            DestinationStatus status = engine.destinationStatus(domain.getKey());
            rows.append("<tr class=\"").append(status.health().name().toLowerCase(Locale.ROOT)).append("\">").append(cell(domain.getKey().asString()))
                .append(cell(destination(hosted))).append(cell(status.health().name().toLowerCase(Locale.ROOT)))
                .append(cell(status.lastFailure().orElse(""))).append(cell(queue.usage(domain.getKey()).messages()))
                .append(cell(hosted.flatMap(HostedDomain::holdPolicy).filter(HoldPolicy::paused).isPresent() ? "paused"
                    : status.nextProbe().map(probe -> "probe " + probe).orElse("delivery " + domain.getValue())))
                .append("</tr>");
        }
        return "<table id=\"destinations\"><thead><tr><th>Domain</th><th>Destination</th><th>Health</th><th>Last failure</th>"
            + "<th>Held messages</th><th>Next attempt</th></tr></thead><tbody>" + rows + "</tbody></table>"
            + "<p>Health is what this node learnt since it started: unknown until a delivery or probe has tried the destination.</p>";
    }

    private static String destination(Optional<HostedDomain> hosted) {
        if (hosted.isEmpty()) {
            return "its MX hosts (relayed mail)";
        }
        return hosted.get().holdPolicy().flatMap(HoldPolicy::destination).map(Object::toString).orElse("its MX hosts");
    }
}
