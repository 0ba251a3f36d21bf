package org.mxsuite.administer;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.deliver.DeliveryEngine;
import org.mxsuite.deliver.DeliveryRules;
import org.mxsuite.deliver.HeldMessageBusyException;
import org.mxsuite.deliver.TestTransaction;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HeldRecipient;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.QueueUsage;

import static org.mxsuite.administer.AdminErrors.conflict;
import static org.mxsuite.administer.AdminErrors.invalid;
import static org.mxsuite.administer.AdminErrors.notFound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The held mail of a backup or relay domain, or of a domain elsewhere that forwarded mail is held for (404 for
 * a domain that is neither hosted nor holds mail):
 * <pre>
 * GET    /hosted-domains/{domain}/queue?offset=0&amp;limit=100   held messages, oldest first, with totals
 * POST   /hosted-domains/{domain}/queue?action=flush            deliver now (202; 409 while the domain is paused)
 * DELETE /hosted-domains/{domain}/queue/{id}?notifySender=true  drop one (DSN to its sender only if asked: true or
 *                                                               false, anything else 400; 409 while a delivery holds it)
 * POST   /hosted-domains/{domain}/probe                         test transaction against the destination (hosted
 *                                                               backup and relay domains only)
 * </pre>
 */
public class HoldQueueRoutes implements Routes {
    private static final String QUEUE_PATH = HostedDomainRoutes.BASE_PATH + "/:domain/queue";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final HostedDomainStore domains;
    private final HoldQueue queue;
    private final DeliveryEngine engine;

    @Inject
    public HoldQueueRoutes(HostedDomainStore domains, HoldQueue queue, DeliveryEngine engine) {
        this.domains = domains;
        this.queue = queue;
        this.engine = engine;
    }

    @Override
    public String getBasePath() {
        return HostedDomainRoutes.BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(QUEUE_PATH, this::list);
        service.post(QUEUE_PATH, this::act);
        service.delete(QUEUE_PATH + "/:id", this::remove);
        service.post(HostedDomainRoutes.BASE_PATH + "/:domain/probe", this::probe);
    }

    private String list(Request request, Response response) {
        HostedDomain domain = holdingDomain(request);
        int offset = QueryParameters.wholeNumber(request, "offset", 0, Integer.MAX_VALUE, 0);
        int limit = QueryParameters.wholeNumber(request, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        QueueUsage usage = queue.usage(domain.name());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("domain", domain.name().asString());
        body.put("messages", usage.messages());
        body.put("bytes", usage.bytes());
        body.put("offset", offset);
        body.put("limit", limit);
        engine.lastFailure(domain.name()).ifPresent(failure -> body.put("destinationStatus", failure));
        ArrayNode items = body.putArray("items");
        for (HeldMessage message : queue.list(domain.name(), offset, limit)) {
            items.add(toJson(message));
        }
        response.type(Constants.JSON_CONTENT_TYPE);
        return body.toString();
    }

    private static ObjectNode toJson(HeldMessage message) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("id", message.id().asString());
        item.put("sender", message.sender().asString(""));
        item.put("size", message.size());
        item.put("received", message.receivedAt().toString());
        item.put("attempts", message.attempts());
        lastReply(message.recipients()).ifPresent(reply -> item.put("lastReply", reply));
        message.recipients().stream().map(HeldRecipient::nextAttempt).min(Comparable::compareTo)
            .ifPresent(next -> item.put("nextAttempt", next.toString()));
        ArrayNode recipients = item.putArray("recipients");
        for (HeldRecipient recipient : message.recipients()) {
            ObjectNode entry = recipients.addObject();
            entry.put("address", recipient.address().asString());
            entry.put("attempts", recipient.attempts());
            recipient.lastReply().ifPresent(reply -> entry.put("lastReply", reply));
            entry.put("nextAttempt", recipient.nextAttempt().toString());
        }
        return item;
    }

    private static Optional<String> lastReply(List<HeldRecipient> recipients) {
        return recipients.stream().map(HeldRecipient::lastReply).flatMap(Optional::stream).findFirst();
    }

    private String act(Request request, Response response) {
        HostedDomain domain = holdingDomain(request);
        String action = request.queryParams("action");
        if (!"flush".equals(action)) {
            throw invalid("action must be 'flush'");
        }
        if (domain.holdPolicy().orElseThrow().paused()) {
            // the engine delivers nothing while paused: a 202, "tried at once", would be untrue
            throw conflict(domain.name() + " is paused: it delivers nothing until resumed; resume it first (PUT "
                + HostedDomainRoutes.BASE_PATH + "/" + domain.name() + " with \"paused\": false)");
        }
        int messages = engine.flush(domain.name());
        response.status(HttpStatus.ACCEPTED_202);
        response.type(Constants.JSON_CONTENT_TYPE);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("domain", domain.name().asString());
        body.put("messages", messages);
        return body.toString();
    }

    private String remove(Request request, Response response) throws Exception {
        HostedDomain domain = holdingDomain(request);
        HeldMessageId id;
        try {
            id = HeldMessageId.of(request.params("id"));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        boolean notify = notifySender(request);
        Optional<HeldMessage> held = queue.get(id).filter(message -> message.domain().equals(domain.name()));
        try {
            if (held.isEmpty() || engine.remove(id, notify).isEmpty()) {
                throw notFound(id + " is not held for " + domain.name());
            }
        } catch (HeldMessageBusyException e) {
            throw conflict(e.getMessage());
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    private String probe(Request request, Response response) {
        HostedDomain domain = probedDomain(request);
        TestTransaction report = engine.testTransaction(domain);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("domain", domain.name().asString());
        body.put("destination", report.destination());
        body.put("success", report.succeeded());
        ArrayNode steps = body.putArray("steps");
        for (TestTransaction.Step step : report.steps()) {
            ObjectNode entry = steps.addObject();
            entry.put("command", step.command());
            step.reply().ifPresent(reply -> entry.put("reply", reply));
            entry.put("ok", step.ok());
            entry.put("latencyMs", step.latency().toMillis());
        }
        response.type(Constants.JSON_CONTENT_TYPE);
        return body.toString();
    }

    /** The domain of the URL: a hosted backup or relay domain, or a domain we do not host while it holds mail. */
    private HostedDomain holdingDomain(Request request) {
        DomainName name = HostedDomainRoutes.domainOf(request);
        Optional<HostedDomain> hosted = domains.get(name);
        if (hosted.isPresent()) {
            return holdingMail(hosted.get(), ", which holds no mail");
        }
        // a domain we do not host holds mail only as the target of a forward domain: shown with the rules it is
        // delivered by while it holds any; any other is unknown here
        if (queue.usage(name).messages() == 0) {
            throw notFound(name + " is not a hosted domain and holds no mail");
        }
        return DeliveryRules.notHosted(name);
    }

    /**
     * Only a hosted backup or relay domain is probed: any other destination is a stranger's server (a forward
     * target's MX), not ours to send test transactions to.
     */
    private HostedDomain probedDomain(Request request) {
        DomainName name = HostedDomainRoutes.domainOf(request);
        HostedDomain domain = domains.get(name).orElseThrow(() -> notFound(name + " is not a hosted domain"));
        return holdingMail(domain, ": only a backup or relay domain has a destination to probe");
    }

    private static HostedDomain holdingMail(HostedDomain domain, String otherwise) {
        if (!domain.service().holdsMail()) {
            throw conflict(domain.name() + " has service " + domain.service().wireName() + otherwise);
        }
        return domain;
    }

    /** Absent is false; anything but true or false is refused, never read as false: a DSN would silently be skipped. */
    private static boolean notifySender(Request request) {
        String raw = request.queryParams("notifySender");
        if (raw == null || raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        throw invalid("notifySender must be true or false, was '" + raw + "'");
    }
}
