package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;
import static org.mxsuite.administer.AdminErrors.notFound;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.limit.Charge;
import org.mxsuite.limit.TrafficCounters;
import org.mxsuite.limit.Window;
import org.mxsuite.relay.RelayAccount;
import org.mxsuite.relay.RelayAccountName;
import org.mxsuite.relay.RelayAccountStore;
import org.mxsuite.relay.RelayAccounts;
import org.mxsuite.relay.RelayCharge;
import org.mxsuite.relay.RelayQuota;
import org.mxsuite.relay.RelaySettings;
import org.mxsuite.relay.SpfLookupCount;
import org.mxsuite.relay.SpfRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /relay-accounts}: outbound relay (smarthost) accounts and their daily quotas.
 * <pre>
 * GET    /relay-accounts                         every account: username, domains, dailyLimit[, hourlyLimit, maxRecipients]
 * PUT    /relay-accounts/{username}              {"password": "...", "domains": [...], "dailyLimit": 200, "hourlyLimit": 50,
 *                                                "maxRecipients": 20}: 201 created, 204 updated (every field may be omitted
 *                                                on update; hourlyLimit and maxRecipients null: no such limit)
 * GET    /relay-accounts/{username}              its settings and today's (and this hour's) usage per domain, with the
 *                                                reset times
 * DELETE /relay-accounts/{username}              revokes it (204, 404 when unknown)
 * POST   /relay-accounts/{username}/quota?action=reset[&amp;domain=d]   today's and this hour's usage of its domains (or
 *                                                of one) back to 0
 * GET    /relay-accounts/{username}/spf[?current=v=spf1 ...]          the SPF mechanism for this relay, merged into
 *                                                the current record when given (422 over 10 DNS lookups, RFC 7208)
 * </pre>
 */
public class RelayAccountRoutes implements Routes {
    public static final String BASE_PATH = "/relay-accounts";
    private static final String ACCOUNT_PATH = BASE_PATH + "/:username";
    private static final Set<String> FIELDS = Set.of("password", "domains", "dailyLimit", "hourlyLimit", "maxRecipients");

    private final RelayAccountStore accounts;
    private final RelayAccounts editor;
    private final RelayQuota quota;
    private final RelaySettings settings;
    private final SpfLookupCount spfLookups;
    private final TrafficCounters counters;

    @Inject
    public RelayAccountRoutes(RelayAccountStore accounts, RelayQuota quota, RelaySettings settings, SpfLookupCount spfLookups,
                              TrafficCounters counters) {
        this.accounts = accounts;
        this.editor = new RelayAccounts(accounts);
        this.quota = quota;
        this.settings = settings;
        this.spfLookups = spfLookups;
        this.counters = counters;
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
        service.post(ACCOUNT_PATH + "/quota", this::quota);
        service.get(ACCOUNT_PATH + "/spf", this::spf);
    }

    private String list(Request request, Response response) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        accounts.list().forEach(account -> list.add(settings(account)));
        response.type(Constants.JSON_CONTENT_TYPE);
        return list.toString();
    }

    private String get(Request request, Response response) {
        RelayAccount account = existing(request);
        response.type(Constants.JSON_CONTENT_TYPE);
        return withUsage(account).toString();
    }

    private String put(Request request, Response response) {
        RelayAccountName name = nameOf(request);
        JsonNode body = JsonBody.object(request.body(), FIELDS);
        Optional<Set<DomainName>> domains = body.has("domains") ? Optional.of(JsonBody.domains(body.get("domains"))) : Optional.empty();
        OptionalInt dailyLimit = body.has("dailyLimit") ? OptionalInt.of(dailyLimit(body.get("dailyLimit"))) : OptionalInt.empty();
        Optional<OptionalInt> hourlyLimit = body.has("hourlyLimit")
            ? Optional.of(optionalLimit(body.get("hourlyLimit"), "hourlyLimit", RelayAccount.MAX_DAILY_LIMIT)) : Optional.empty();
        Optional<OptionalInt> maxRecipients = body.has("maxRecipients")
            ? Optional.of(optionalLimit(body.get("maxRecipients"), "maxRecipients", RelayAccount.MAX_RECIPIENTS)) : Optional.empty();
        boolean created;
        try {
            created = editor.put(name, JsonBody.text(body, "password"), domains, dailyLimit, hourlyLimit, maxRecipients);
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
        response.status(created ? HttpStatus.CREATED_201 : HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    private String delete(Request request, Response response) {
        RelayAccountName name = nameOf(request);
        if (!accounts.delete(name)) {
            throw notFound(RelayAccounts.noSuchAccount(name));
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    private String quota(Request request, Response response) {
        RelayAccount account = existing(request);
        if (!"reset".equals(request.queryParams("action"))) {
            throw invalid("action must be 'reset'");
        }
        List<DomainName> domains = account.domains();
        String only = request.queryParams("domain");
        if (only != null) {
            DomainName domain = JsonBody.domain(only);
            if (!account.owns(domain)) {
                throw invalid(domain + " is not a domain of relay account " + account.name());
            }
            domains = List.of(domain);
        }
        domains.forEach(domain -> {
            quota.resetToday(domain);
            hourly(account, domain).ifPresent(counters::reset);
        });
        response.type(Constants.JSON_CONTENT_TYPE);
        return withUsage(account).toString();
    }

    private String spf(Request request, Response response) {
        RelayAccount account = existing(request);
        List<String> mechanisms = settings.spfMechanisms();
        if (mechanisms.isEmpty()) {
            throw ErrorResponder.builder().statusCode(HttpStatus.CONFLICT_409).type(ErrorResponder.ErrorType.WRONG_STATE)
                .message("this relay has no SPF identity: set relay.spf.include (a name publishing our SPF record) or"
                    + " relay.spf.addresses in mxsuite.properties").haltError();
        }
        String current = request.queryParams("current");
        SpfRecord record;
        try {
            record = current == null ? SpfRecord.suggested(mechanisms) : SpfRecord.parse(current).with(mechanisms);
        } catch (InvalidSettingException e) {
            throw invalid("current: " + e.getMessage());
        }
        SpfLookupCount.Result lookups = spfLookups.of(record);
        if (lookups.lookups() > SpfRecord.MAX_LOOKUPS) {
            throw ErrorResponder.builder().statusCode(HttpStatus.UNPROCESSABLE_ENTITY_422).type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                .message("'" + record + "' would need " + lookups.lookups() + " DNS lookups; RFC 7208 (4.6.4) allows "
                    + SpfRecord.MAX_LOOKUPS + ", above which receivers treat the record as an error. Remove include:, a, mx,"
                    + " ptr or exists terms, or replace some by ip4:/ip6:").haltError();
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("username", account.name().asString());
        ArrayNode domains = json.putArray("domains");
        account.domains().forEach(domain -> domains.add(domain.asString()));
        ArrayNode mechanismList = json.putArray("mechanisms");
        mechanisms.forEach(mechanismList::add);
        if (current != null) {
            json.put("current", current);
        }
        json.put("record", record.toString());
        json.put("dnsLookups", lookups.lookups());
        ArrayNode unresolved = json.putArray("unresolvedIncludes");
        lookups.unresolved().forEach(unresolved::add);
        response.type(Constants.JSON_CONTENT_TYPE);
        return json.toString();
    }

    private ObjectNode settings(RelayAccount account) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("username", account.name().asString());
        ArrayNode domains = json.putArray("domains");
        account.domains().forEach(domain -> domains.add(domain.asString()));
        json.put("dailyLimit", account.dailyLimit());
        account.hourlyLimit().ifPresent(limit -> json.put("hourlyLimit", limit));
        account.maxRecipients().ifPresent(limit -> json.put("maxRecipients", limit));
        return json;
    }

    private ObjectNode withUsage(RelayAccount account) {
        ObjectNode json = settings(account);
        ObjectNode usage = json.putObject("usage");
        usage.put("day", quota.today().toString());
        usage.put("resetsAt", quota.resetsAt().toString());
        if (account.hourlyLimit().isPresent()) {
            usage.put("hourResetsAt", counters.resetsAt(Window.HOUR).toString());
        }
        ObjectNode domains = usage.putObject("domains");
        for (DomainName domain : account.domains()) {
            int used = quota.usedToday(domain);
            ObjectNode entry = domains.putObject(domain.asString());
            entry.put("used", used);
            entry.put("remaining", Math.max(0, account.dailyLimit() - used));
            hourly(account, domain).ifPresent(hour -> {
                long usedThisHour = counters.used(hour);
                entry.put("usedThisHour", usedThisHour);
                entry.put("remainingThisHour", Math.max(0, hour.limit() - usedThisHour));
            });
        }
        return json;
    }

    /** The hourly counter of one of the account's domains, when the account has an hourly limit. */
    private static Optional<Charge> hourly(RelayAccount account, DomainName domain) {
        return new RelayCharge(domain, account.dailyLimit(), account.hourlyLimit(), account.maxRecipients()).hourly(0);
    }

    private RelayAccount existing(Request request) {
        RelayAccountName name = nameOf(request);
        return accounts.get(name).orElseThrow(() -> notFound(RelayAccounts.noSuchAccount(name)));
    }

    private static RelayAccountName nameOf(Request request) {
        try {
            return RelayAccountName.of(request.params("username"));
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
    }

    private static int dailyLimit(JsonNode node) {
        if (!node.isInt() || node.asInt() < 1 || node.asInt() > RelayAccount.MAX_DAILY_LIMIT) {
            throw invalid("dailyLimit must be a whole number from 1 to " + RelayAccount.MAX_DAILY_LIMIT);
        }
        return node.asInt();
    }

    /** A positive limit up to {@code max}, or null for none. */
    private static OptionalInt optionalLimit(JsonNode node, String field, int max) {
        if (node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.isInt() || node.asInt() < 1 || node.asInt() > max) {
            throw invalid(field + " must be a whole number from 1 to " + max + ", or null for no limit");
        }
        return OptionalInt.of(node.asInt());
    }
}
