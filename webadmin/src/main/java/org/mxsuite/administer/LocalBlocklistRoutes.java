package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;
import static org.mxsuite.administer.AdminErrors.notFound;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.dnsbl.LocalBlocklist;
import org.mxsuite.dnsbl.LocalBlocklistEntry;
import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.InvalidSettingException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /dnsbl/local}: the internal blocklist, networks refused at RCPT like DNS blocklist listings.
 * <pre>
 * GET    /dnsbl/local          the entries in force
 * GET    /dnsbl/local/{cidr}   one (404 if not listed)
 * PUT    /dnsbl/local/{cidr}   list it; optional body {"reason": "...", "expires": "2026-12-01T00:00:00Z" | "expiresIn": "7d"}
 * DELETE /dnsbl/local/{cidr}   unlist it (404 if not listed)
 * </pre>
 * {@code {cidr}} is an address or a network, IPv4 or IPv6, with its '/' as is ({@code /dnsbl/local/192.0.2.0/24}) or
 * encoded ({@code 192.0.2.0%2F24}).
 */
public class LocalBlocklistRoutes implements Routes {
    public static final String BASE_PATH = "/dnsbl/local";
    private static final String ENTRY_PATH = BASE_PATH + "/*";

    private final LocalBlocklist blocklist;
    private final Clock clock;

    @Inject
    public LocalBlocklistRoutes(LocalBlocklist blocklist) {
        this(blocklist, Clock.systemUTC());
    }

    public LocalBlocklistRoutes(LocalBlocklist blocklist, Clock clock) {
        this.blocklist = blocklist;
        this.clock = clock;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::list);
        service.get(ENTRY_PATH, this::get);
        service.put(ENTRY_PATH, this::put);
        service.delete(ENTRY_PATH, this::delete);
    }

    private String list(Request request, Response response) {
        ArrayNode entries = JsonNodeFactory.instance.arrayNode();
        blocklist.list().forEach(entry -> entries.add(toJson(entry)));
        response.type(Constants.JSON_CONTENT_TYPE);
        return entries.toString();
    }

    private String get(Request request, Response response) {
        Cidr network = networkOf(request);
        LocalBlocklistEntry entry = blocklist.get(network).orElseThrow(() -> notFound(network + " is not on the internal blocklist"));
        response.type(Constants.JSON_CONTENT_TYPE);
        return toJson(entry).toString();
    }

    private String put(Request request, Response response) {
        Cidr network = networkOf(request);
        Optional<String> reason = Optional.empty();
        Optional<String> expires = Optional.empty();
        Optional<String> expiresIn = Optional.empty();
        String body = request.body();
        if (body != null && !body.isBlank()) {
            JsonNode json = JsonBody.object(body, Set.of("reason", "expires", "expiresIn"));
            reason = JsonBody.text(json, "reason");
            expires = JsonBody.text(json, "expires");
            expiresIn = json.has("expiresIn") ? Optional.of(JsonBody.text(json, "expiresIn").orElse("")) : Optional.empty();
        }
        try {
            blocklist.put(LocalBlocklistEntry.requested(network, reason, expires, expiresIn, clock.instant()));
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    private String delete(Request request, Response response) {
        Cidr network = networkOf(request);
        if (!blocklist.remove(network)) {
            throw notFound(network + " is not on the internal blocklist");
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    private static ObjectNode toJson(LocalBlocklistEntry entry) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("network", entry.network().toString());
        entry.reason().ifPresent(reason -> json.put("reason", reason));
        entry.expires().ifPresent(expires -> json.put("expires", expires.toString()));
        json.put("added", entry.added().toString());
        return json;
    }

    /** The path after /dnsbl/local/: Spark's splat keeps a written '/', Jetty may hand an encoded one over as is. */
    private static Cidr networkOf(Request request) {
        String raw = request.splat().length == 0 ? "" : request.splat()[0];
        try {
            return Cidr.parse(URLDecoder.decode(raw, StandardCharsets.UTF_8.name()));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
