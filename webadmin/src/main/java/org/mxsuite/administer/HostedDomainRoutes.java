package org.mxsuite.administer;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.domain.HostedDomainJson;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.domain.MailboxDomains;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.verify.VerifiedRecipientStore;

import static org.mxsuite.administer.AdminErrors.conflict;
import static org.mxsuite.administer.AdminErrors.invalid;
import static org.mxsuite.administer.AdminErrors.notFound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /hosted-domains}: the registry of domains the suite hosts and the service each gets.
 * <pre>
 * GET    /hosted-domains            all hosted domains, with their settings
 * GET    /hosted-domains/{domain}   one (404 if not hosted)
 * PUT    /hosted-domains/{domain}   create or replace whole; {"service": "backup" | "relay" | "forward" | "mailbox", ...}
 * DELETE /hosted-domains/{domain}   stop hosting it (404 if not hosted, 409 while it holds mail or has users)
 * </pre>
 * Invalid input gets 400 in WebAdmin's error format and changes nothing. A {@code mailbox} domain is also one of
 * James's own domains for as long as it is one (see {@link MailboxDomains}). What recipient verification remembers of
 * a domain's addresses is forgotten when the domain stops being hosted or gets another destination: it was what that
 * destination answered.
 */
public class HostedDomainRoutes implements Routes {
    public static final String BASE_PATH = "/hosted-domains";
    private static final String DOMAIN_PATH = BASE_PATH + "/:domain";
    private static final int USERS_SHOWN = 5;

    private final HostedDomainStore store;
    private final HoldQueue queue;
    private final MailboxDomains mailboxDomains;
    private final VerifiedRecipientStore verifiedRecipients;

    @Inject
    public HostedDomainRoutes(HostedDomainStore store, HoldQueue queue, MailboxDomains mailboxDomains,
                              VerifiedRecipientStore verifiedRecipients) {
        this.store = store;
        this.queue = queue;
        this.mailboxDomains = mailboxDomains;
        this.verifiedRecipients = verifiedRecipients;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::list);
        service.get(DOMAIN_PATH, this::get);
        service.put(DOMAIN_PATH, this::put);
        service.delete(DOMAIN_PATH, this::delete);
    }

    private String list(Request request, Response response) {
        ArrayNode domains = JsonNodeFactory.instance.arrayNode();
        store.list().forEach(domain -> domains.add(HostedDomainJson.toJson(domain)));
        response.type(Constants.JSON_CONTENT_TYPE);
        return domains.toString();
    }

    private String get(Request request, Response response) {
        DomainName name = domainOf(request);
        HostedDomain domain = store.get(name).orElseThrow(() -> notFound(name + " is not a hosted domain"));
        response.type(Constants.JSON_CONTENT_TYPE);
        return HostedDomainJson.toJsonString(domain);
    }

    private String put(Request request, Response response) {
        DomainName name = domainOf(request);
        HostedDomain domain;
        try {
            domain = HostedDomainJson.parse(name, request.body());
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
        if (!domain.service().holdsMail()) {
            refuseWhileHolding(name, "change its service to " + domain.service().wireName());
        }
        Optional<HostedDomain> before = store.get(name);
        boolean wasMailbox = isMailbox(before);
        boolean isMailbox = domain.service() == ServiceKind.MAILBOX;
        if (wasMailbox && !isMailbox) {
            refuseWhileItHasUsers(name, "change its service to " + domain.service().wireName());
        }
        if (isMailbox) {
            mailboxDomains.add(name);
        }
        store.put(domain);
        if (wasMailbox && !isMailbox) {
            mailboxDomains.remove(name);
        }
        before.ifPresent(old -> verifiedRecipients.forgetIfDestinationChanged(old, domain));
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    private String delete(Request request, Response response) {
        DomainName name = domainOf(request);
        refuseWhileHolding(name, "stop hosting it");
        boolean wasMailbox = isMailbox(store.get(name));
        if (wasMailbox) {
            refuseWhileItHasUsers(name, "stop hosting it");
        }
        if (!store.remove(name)) {
            throw notFound(name + " is not a hosted domain");
        }
        if (wasMailbox) {
            mailboxDomains.remove(name);
        }
        verifiedRecipients.removeAll(name);
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    /** Whether both send the domain's mail (and recipient verification's questions) to the same place. */
    /** A mailbox domain leaves James's domains only without users: their mailboxes would be orphaned. */
    private void refuseWhileItHasUsers(DomainName name, String what) {
        List<Username> users = mailboxDomains.usersOf(name);
        if (!users.isEmpty()) {
            String shown = users.stream().limit(USERS_SHOWN).map(Username::asString).collect(Collectors.joining(", "))
                + (users.size() > USERS_SHOWN ? ", ..." : "");
            int count = users.size();
            throw conflict(name + " has " + count + (count == 1 ? " user" : " users") + " (" + shown + "): delete "
                + (count == 1 ? "it" : "them") + " first (DELETE /users/{user}) before you " + what);
        }
    }

    private static boolean isMailbox(Optional<HostedDomain> domain) {
        return domain.map(hosted -> hosted.service() == ServiceKind.MAILBOX).orElse(false);
    }

    /** Held mail must never be orphaned: it is delivered, or dropped on purpose, first. */
    private void refuseWhileHolding(DomainName name, String what) {
        long held = queue.usage(name).messages();
        if (held > 0) {
            throw conflict(name + " holds " + held + (held == 1 ? " message" : " messages") + ": deliver them (POST " + BASE_PATH + "/" + name
                + "/queue?action=flush) or drop them (DELETE " + BASE_PATH + "/" + name + "/queue/{id}) before you " + what);
        }
    }

    /** The {@code :domain} of the URL, canonical; 400 when it is no domain name. */
    static DomainName domainOf(Request request) {
        try {
            return DomainName.of(request.params("domain"));
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
    }
}
