package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;
import static org.mxsuite.administer.AdminErrors.notFound;

import java.time.Clock;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.verify.VerifiedRecipient;
import org.mxsuite.verify.VerifiedRecipientStore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /hosted-domains/{domain}/verified-recipients}: what recipient verification remembers of a domain's addresses
 * (what its server answered, until when), shared by every node.
 * <pre>
 * GET    /hosted-domains/{domain}/verified-recipients            the remembered answers, by address
 * DELETE /hosted-domains/{domain}/verified-recipients            forget them all (the server is asked again)
 * DELETE /hosted-domains/{domain}/verified-recipients/{address}  forget one (404 if none is remembered)
 * </pre>
 * 404 when the domain is not hosted; 400 for an address that is not one of the domain's.
 */
public class VerifiedRecipientRoutes implements Routes {
    private static final String PATH = HostedDomainRoutes.BASE_PATH + "/:domain/verified-recipients";

    private final HostedDomainStore domains;
    private final VerifiedRecipientStore answers;
    private final Clock clock;

    @Inject
    public VerifiedRecipientRoutes(HostedDomainStore domains, VerifiedRecipientStore answers, Clock clock) {
        this.domains = domains;
        this.answers = answers;
        this.clock = clock;
    }

    @Override
    public String getBasePath() {
        return HostedDomainRoutes.BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(PATH, this::list);
        service.delete(PATH, this::clear);
        service.delete(PATH + "/:address", this::forget);
    }

    private String list(Request request, Response response) {
        HostedDomain domain = hosted(request);
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        answers.list(domain.name(), clock.instant()).forEach(answer -> list.add(toJson(answer)));
        response.type(Constants.JSON_CONTENT_TYPE);
        return list.toString();
    }

    private String clear(Request request, Response response) {
        answers.removeAll(hosted(request).name());
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    private String forget(Request request, Response response) {
        HostedDomain domain = hosted(request);
        String address = addressOf(request, domain.name());
        if (!answers.remove(domain.name(), address)) {
            throw notFound("nothing is remembered of " + address);
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    private HostedDomain hosted(Request request) {
        DomainName name = HostedDomainRoutes.domainOf(request);
        return domains.get(name).orElseThrow(() -> notFound(name + " is not a hosted domain"));
    }

    /** The {@code :address} of the URL, canonical; 400 unless it is an address of {@code domain}. */
    private static String addressOf(Request request, DomainName domain) {
        String raw = request.params("address");
        MailAddress address;
        try {
            address = new MailAddress(raw);
        } catch (AddressException e) {
            throw invalid("'" + raw + "' is not an email address");
        }
        if (!address.getDomain().asString().equalsIgnoreCase(domain.asString())) {
            throw invalid(raw + " is not an address of " + domain);
        }
        return VerifiedRecipient.canonical(address);
    }

    private static ObjectNode toJson(VerifiedRecipient answer) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("address", answer.address());
        json.put("verdict", answer.accepted() ? "accepted" : "refused");
        json.put("reply", answer.reply());
        json.put("verified", answer.verified().toString());
        json.put("expires", answer.expires().toString());
        return json;
    }
}
