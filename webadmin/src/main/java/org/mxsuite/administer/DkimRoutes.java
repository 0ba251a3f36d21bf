package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.conflict;
import static org.mxsuite.administer.AdminErrors.invalid;
import static org.mxsuite.administer.AdminErrors.notFound;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.dkim.DkimAlgorithm;
import org.mxsuite.dkim.DkimKey;
import org.mxsuite.dkim.DkimKeys;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /hosted-domains/{domain}/dkim}: the DKIM keys that the mail of a domain (in its From) is signed with. No
 * answer ever carries a private key.
 * <pre>
 * GET    /hosted-domains/{domain}/dkim                      the keys: selector, algorithm, state, the TXT record, servedByDns
 * POST   /hosted-domains/{domain}/dkim                      {"algorithm": "rsa" | "ed25519" | "both"}: first keys (201)
 * POST   /hosted-domains/{domain}/dkim/rotate               a new key per algorithm in use (201)
 * POST   /hosted-domains/{domain}/dkim/{selector}/activate  sign with it now, before DNS serves it
 * DELETE /hosted-domains/{domain}/dkim/{selector}           forgets the key (204)
 * </pre>
 */
public class DkimRoutes implements Routes {
    private static final String BASE_PATH = "/hosted-domains/:domain/dkim";
    private static final String KEY_PATH = BASE_PATH + "/:selector";
    private static final Set<String> FIELDS = Set.of("algorithm");

    private final DkimKeys keys;

    @Inject
    public DkimRoutes(DkimKeys keys) {
        this.keys = keys;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::list);
        service.post(BASE_PATH, this::create);
        service.post(BASE_PATH + "/rotate", this::rotate);
        service.post(KEY_PATH + "/activate", this::activate);
        service.delete(KEY_PATH, this::delete);
    }

    private String list(Request request, Response response) {
        DomainName domain = domainOf(request);
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        // reading asks DNS about every key, and moves signing to a pending key it serves
        for (DkimKey key : keys.withServedActivated(domain)) {
            DkimKeys.Publication publication = keys.publication(key);
            ObjectNode json = describe(key);
            if (publication == DkimKeys.Publication.UNKNOWN) {
                json.putNull("servedByDns");
            } else {
                json.put("servedByDns", publication == DkimKeys.Publication.SERVED);
            }
            list.add(json);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("domain", domain.asString());
        body.set("keys", list);
        response.type(Constants.JSON_CONTENT_TYPE);
        return body.toString();
    }

    private String create(Request request, Response response) {
        DomainName domain = domainOf(request);
        JsonNode body = JsonBody.object(request.body(), FIELDS);
        String algorithm = JsonBody.text(body, "algorithm").orElse("rsa");
        Set<DkimAlgorithm> algorithms;
        if (algorithm.equals("both")) {
            algorithms = EnumSet.allOf(DkimAlgorithm.class);
        } else {
            algorithms = EnumSet.of(DkimAlgorithm.ofKeyType(algorithm)
                .orElseThrow(() -> invalid("algorithm must be 'rsa', 'ed25519' or 'both', not '" + algorithm + "'")));
        }
        try {
            return created(response, domain, keys.create(domain, algorithms));
        } catch (IllegalStateException e) {
            throw conflict(e.getMessage());
        }
    }

    private String rotate(Request request, Response response) {
        DomainName domain = domainOf(request);
        JsonBody.object(request.body(), Set.of());
        try {
            return created(response, domain, keys.rotate(domain));
        } catch (IllegalStateException e) {
            throw conflict(e.getMessage());
        }
    }

    private String activate(Request request, Response response) {
        DomainName domain = domainOf(request);
        String selector = request.params("selector");
        DkimKey key = keys.activate(domain, selector).orElseThrow(() -> notFound("no DKIM key " + selector + " for " + domain));
        response.type(Constants.JSON_CONTENT_TYPE);
        return describe(key).toString();
    }

    private String delete(Request request, Response response) {
        DomainName domain = domainOf(request);
        String selector = request.params("selector");
        if (!keys.delete(domain, selector)) {
            throw notFound("no DKIM key " + selector + " for " + domain);
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    /** New keys: DNS cannot serve them yet, and is not asked (its "no" would be cached while the record is added). */
    private static String created(Response response, DomainName domain, List<DkimKey> created) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        created.forEach(key -> list.add(describe(key).put("servedByDns", false)));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("domain", domain.asString());
        body.set("keys", list);
        response.status(HttpStatus.CREATED_201);
        response.type(Constants.JSON_CONTENT_TYPE);
        return body.toString();
    }

    private static ObjectNode describe(DkimKey key) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("selector", key.selector());
        json.put("algorithm", key.algorithm().keyType());
        json.put("state", key.state().name().toLowerCase(java.util.Locale.ROOT));
        json.put("created", key.created().toString());
        json.put("stateChanged", key.stateChanged().toString());
        if (key.state() == DkimKey.State.RETIRED) {
            json.put("keepPublishedUntil", key.stateChanged().plus(DkimKeys.GRACE_PERIOD).toString());
        }
        ObjectNode record = json.putObject("record");
        record.put("name", key.recordName());
        record.put("type", "TXT");
        record.put("value", key.recordValue());
        return json;
    }

    private static DomainName domainOf(Request request) {
        try {
            return DomainName.of(request.params("domain"));
        } catch (InvalidSettingException e) {
            throw invalid("domain: " + e.getMessage());
        }
    }
}
