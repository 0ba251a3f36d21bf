package org.mxsuite.deliver;

import java.util.Optional;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.ServiceKind;

/**
 * The one place that decides how a domain's held mail is delivered: a backup or relay domain by its own settings; a
 * domain we do not host (the target of a forward domain) as if it were a backup domain with the default settings,
 * that is to its MX records; the other services never hold mail and have no rules.
 */
public final class DeliveryRules {
    private final HostedDomainStore domains;

    public DeliveryRules(HostedDomainStore domains) {
        this.domains = domains;
    }

    /** The rules the domain's held mail is delivered by now, read from the registry. */
    public Optional<HostedDomain> of(DomainName name) {
        return of(name, domains.get(name));
    }

    /** As {@link #of(DomainName)}, from what the registry holds for the domain. */
    public static Optional<HostedDomain> of(DomainName name, Optional<HostedDomain> registered) {
        if (registered.isEmpty()) {
            return Optional.of(notHosted(name));
        }
        return registered.filter(domain -> domain.service().holdsMail());
    }

    /** The rules of a domain we do not host: a backup domain's defaults, its MX records as destination. */
    public static HostedDomain notHosted(DomainName name) {
        return HostedDomain.holding(name, ServiceKind.BACKUP, HoldPolicy.DEFAULT);
    }
}
