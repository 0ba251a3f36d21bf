package org.mxsuite.panel.web;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.Set;

import org.eclipse.jetty.http.HttpStatus;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.panel.PanelRole;

import spark.Request;
import spark.Response;

/** What the pages share: the page around a signed-in account's content, refusals, and the checks of a posted form. */
final class Pages {
    private Pages() {
    }

    static String page(Visit.SignedIn signedIn, String title, String body) {
        String navigation = signedIn.account.role() == PanelRole.OPERATOR
            ? "<nav><a href=\"/\">Domains</a> <a href=\"/accounts\" id=\"nav-accounts\">Panel accounts</a>"
                + " <a href=\"/trace\" id=\"nav-trace\">Delivery trace</a>"
                + " <a href=\"/relay-accounts\" id=\"nav-relay\">Relay accounts</a> <a href=\"/bans\" id=\"nav-bans\">Bans</a>"
                + " <a href=\"/blocklist\" id=\"nav-blocklist\">Blocklist</a> <a href=\"/greylisting\" id=\"nav-greylisting\">Greylisting</a>"
                + " <a href=\"/destinations\" id=\"nav-destinations\">Destinations</a></nav>"
            : "<nav><a href=\"/\">Domains</a></nav>";
        return Html.page(title, signedIn.account.name().asString() + " (" + signedIn.account.role().wireName() + ")",
            signedIn.session.csrf(), navigation + body);
    }

    /** Domain names as a form gives them, separated by spaces or commas; each checked as WebAdmin checks it. */
    static Set<DomainName> domainNames(String raw) {
        Set<DomainName> names = new LinkedHashSet<>();
        for (String name : (raw == null ? "" : raw).split("[\\s,]+")) {
            if (!name.isBlank()) {
                names.add(DomainName.of(name));
            }
        }
        return names;
    }

    /** 403: the account may not see or change this. */
    static String refused(Visit.SignedIn signedIn, Response response) {
        response.status(HttpStatus.FORBIDDEN_403);
        return page(signedIn, "Not yours", Html.notice("error", "This account may not see or change this domain."));
    }

    /** 403 for a form without a session or with another session's token: nothing was done. */
    static String forbidden(Response response) {
        response.status(HttpStatus.FORBIDDEN_403);
        return Html.page("Refused", null, null, Html.notice("error", "This form expired or did not come from this panel: nothing was done."));
    }

    /** The signed-in account of a posted form carrying its session's CSRF token, if any. */
    static Optional<Visit.SignedIn> form(Visit visit, Request request) {
        return visit.of(request).filter(signedIn -> signedIn.session.acceptsCsrf(request.queryParams("csrf")));
    }

    /** As {@link #form}, for an operator only. */
    static Optional<Visit.SignedIn> formOfOperator(Visit visit, Request request, Response response) {
        return form(visit, request).filter(signedIn -> signedIn.account.role() == PanelRole.OPERATOR);
    }

    /**
     * The hosted domain named by the URL's {@code :domain} if the account may act on it; an unknown domain is refused
     * as another's is, so that an owner learns nothing.
     */
    static Optional<HostedDomain> domainOf(Visit.SignedIn signedIn, Request request, HostedDomainStore domains) {
        try {
            DomainName name = DomainName.of(request.params("domain"));
            return signedIn.account.mayAct(name) ? domains.get(name) : Optional.empty();
        } catch (InvalidSettingException e) {
            return Optional.empty();
        }
    }

    /** A request for one domain's page or action: the account and the URL's domain, or the answer given instead. */
    static final class DomainRequest {
        final Visit.SignedIn signedIn;
        final HostedDomain domain;
        /** When not null, the request is refused and this is the answer. */
        final String refusal;

        private DomainRequest(Visit.SignedIn signedIn, HostedDomain domain, String refusal) {
            this.signedIn = signedIn;
            this.domain = domain;
            this.refusal = refusal;
        }

        boolean refused() {
            return refusal != null;
        }
    }

    /**
     * A page of the URL's domain: without a session, to the sign-in page; a domain the account may not act on, or one
     * the page is not for ({@code kind}), 403.
     */
    static DomainRequest viewing(Visit visit, HostedDomainStore domains, Request request, Response response, Predicate<HostedDomain> kind) {
        Optional<Visit.SignedIn> signedIn = visit.of(request);
        if (signedIn.isEmpty()) {
            response.redirect("/login", HttpStatus.SEE_OTHER_303);
            return new DomainRequest(null, null, "");
        }
        return ofDomain(signedIn.get(), domains, request, response, kind);
    }

    /** A posted form for the URL's domain: without its session's CSRF token, 403 and nothing done; else as {@link #viewing}. */
    static DomainRequest posting(Visit visit, HostedDomainStore domains, Request request, Response response, Predicate<HostedDomain> kind) {
        Optional<Visit.SignedIn> signedIn = form(visit, request);
        if (signedIn.isEmpty()) {
            return new DomainRequest(null, null, forbidden(response));
        }
        return ofDomain(signedIn.get(), domains, request, response, kind);
    }

    private static DomainRequest ofDomain(Visit.SignedIn signedIn, HostedDomainStore domains, Request request, Response response,
                                          Predicate<HostedDomain> kind) {
        Optional<HostedDomain> domain = domainOf(signedIn, request, domains).filter(kind);
        return domain.isPresent() ? new DomainRequest(signedIn, domain.get(), null)
            : new DomainRequest(signedIn, null, refused(signedIn, response));
    }
}
