package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;
import static org.mxsuite.administer.AdminErrors.notFound;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.ban.Ban;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.BanSubject;
import org.mxsuite.ban.ClientAddress;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /bans}: addresses, IPv6 /64 networks and user names banned for brute-force logins (SMTP AUTH, IMAP, POP3),
 * and bans by hand.
 * <pre>
 * GET    /bans                bans in force: address (an address or a /64) or user, reason, failures, bannedAt, expiresAt
 * GET    /bans/{ip}           the ban of the address or its /64 (404 if neither)
 * PUT    /bans/{ip}           ban by hand; optional body {"reason": "...", "duration": "1d"} (default: ban.duration)
 * DELETE /bans/{ip}           lift the address's ban and its /64's (404 if neither), clearing their failure counts
 * GET    /bans/users/{name}   the suspension of logins as that user name (404 if none)
 * DELETE /bans/users/{name}   lift it
 * </pre>
 */
public class BanRoutes implements Routes {
    public static final String BASE_PATH = "/bans";
    private static final String ADDRESS_PATH = BASE_PATH + "/:ip";
    private static final String USER_PATH = BASE_PATH + "/users/:name";
    private static final Duration MAX_DURATION = Duration.ofDays(3650);

    private final BruteForceGuard guard;

    @Inject
    public BanRoutes(BruteForceGuard guard) {
        this.guard = guard;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::list);
        service.get(ADDRESS_PATH, this::get);
        service.put(ADDRESS_PATH, this::put);
        service.delete(ADDRESS_PATH, this::delete);
        service.get(USER_PATH, this::getUser);
        service.delete(USER_PATH, this::deleteUser);
    }

    private String getUser(Request request, Response response) {
        String name = request.params("name");
        Ban ban = guard.suspensionOf(name).orElseThrow(() -> notFound("logins as " + name + " are not suspended"));
        response.type(Constants.JSON_CONTENT_TYPE);
        return toJson(ban).toString();
    }

    private String deleteUser(Request request, Response response) {
        String name = request.params("name");
        if (!guard.liftUser(name)) {
            throw notFound("logins as " + name + " are not suspended");
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    private String list(Request request, Response response) {
        ArrayNode bans = JsonNodeFactory.instance.arrayNode();
        guard.activeBans().forEach(ban -> bans.add(toJson(ban)));
        response.type(Constants.JSON_CONTENT_TYPE);
        return bans.toString();
    }

    private String get(Request request, Response response) {
        ClientAddress address = addressOf(request);
        Ban ban = guard.banOf(address).orElseThrow(() -> notFound(address + " is not banned"));
        response.type(Constants.JSON_CONTENT_TYPE);
        return toJson(ban).toString();
    }

    private String put(Request request, Response response) {
        ClientAddress address = addressOf(request);
        JsonNode body = JsonBody.object(request.body(), Set.of("reason", "duration"));
        String reason = JsonBody.text(body, "reason").filter(text -> !text.isBlank()).orElse("banned by an administrator");
        if (reason.length() > 500) {
            throw invalid("reason is longer than 500 characters");
        }
        Optional<Duration> duration;
        try {
            duration = Optional.ofNullable(body.get("duration"))
                .map(node -> Durations.parseWithin("duration", node.asText(), Duration.ofSeconds(1), MAX_DURATION));
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
        if (guard.settings().isExempt(address)) {
            throw invalid(address + " is in an exempt network (ban.exempt): a ban would have no effect");
        }
        Ban ban = guard.ban(address, reason, duration);
        response.status(HttpStatus.OK_200);
        response.type(Constants.JSON_CONTENT_TYPE);
        return toJson(ban).toString();
    }

    private String delete(Request request, Response response) {
        ClientAddress address = addressOf(request);
        if (!guard.lift(address)) {
            throw notFound(address + " is not banned");
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    private static ObjectNode toJson(Ban ban) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(ban.subject().kind() == BanSubject.Kind.USER ? "user" : "address", ban.subject().display());
        node.put("reason", ban.reason());
        node.put("failures", ban.failures());
        node.put("bannedAt", ban.bannedAt().toString());
        node.put("expiresAt", ban.expiresAt().toString());
        return node;
    }

    private static ClientAddress addressOf(Request request) {
        try {
            return ClientAddress.parse(request.params("ip"));
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
    }
}
