package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;
import static org.mxsuite.administer.AdminErrors.notFound;

import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.panel.PanelAccount;
import org.mxsuite.panel.PanelAccountName;
import org.mxsuite.panel.PanelAccounts;
import org.mxsuite.panel.PanelRole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /panel-accounts}: the control panel's accounts. WebAdmin is the operator's own interface, so the first
 * operator is made here, with a password of the operator's choosing: there is no default account nor password.
 * <pre>
 * GET    /panel-accounts             every account: name, role, domains
 * PUT    /panel-accounts/{name}      {"role": "operator" | "owner", "password": "...", "domains": [...]}: 201 created,
 *                                    204 updated (password and domains may be omitted on update; an owner's domains
 *                                    must be hosted; an operator has none)
 * GET    /panel-accounts/{name}      its name, role and domains (never the password nor its hash)
 * DELETE /panel-accounts/{name}      204, 404 when unknown
 * </pre>
 */
public class PanelAccountRoutes implements Routes {
    public static final String BASE_PATH = "/panel-accounts";
    private static final String ACCOUNT_PATH = BASE_PATH + "/:name";
    private static final Set<String> FIELDS = Set.of("role", "password", "domains");

    private final PanelAccounts accounts;

    @Inject
    public PanelAccountRoutes(PanelAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::list);
        service.get(ACCOUNT_PATH, this::get);
        service.put(ACCOUNT_PATH, this::put);
        service.delete(ACCOUNT_PATH, this::delete);
    }

    private String list(Request request, Response response) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        accounts.store().list().forEach(account -> list.add(json(account)));
        response.type(Constants.JSON_CONTENT_TYPE);
        return list.toString();
    }

    private String get(Request request, Response response) {
        PanelAccountName name = nameOf(request);
        PanelAccount account = accounts.store().get(name).orElseThrow(() -> notFound("no panel account " + name));
        response.type(Constants.JSON_CONTENT_TYPE);
        return json(account).toString();
    }

    private String put(Request request, Response response) {
        PanelAccountName name = nameOf(request);
        JsonNode body = JsonBody.object(request.body(), FIELDS);
        Optional<Set<DomainName>> owned = body.has("domains") && !body.get("domains").isNull()
            ? Optional.of(JsonBody.domains(body.get("domains"))) : Optional.empty();
        boolean created;
        try {
            created = accounts.put(name, JsonBody.text(body, "role").map(PanelRole::parse), JsonBody.text(body, "password"), owned);
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
        response.status(created ? HttpStatus.CREATED_201 : HttpStatus.NO_CONTENT_204);
        return "";
    }

    private String delete(Request request, Response response) {
        PanelAccountName name = nameOf(request);
        if (!accounts.store().delete(name)) {
            throw notFound("no panel account " + name);
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private static PanelAccountName nameOf(Request request) {
        try {
            return PanelAccountName.of(request.params("name"));
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
    }

    private static ObjectNode json(PanelAccount account) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", account.name().asString());
        node.put("role", account.role().wireName());
        ArrayNode owned = node.putArray("domains");
        account.domains().forEach(domain -> owned.add(domain.asString()));
        return node;
    }
}
