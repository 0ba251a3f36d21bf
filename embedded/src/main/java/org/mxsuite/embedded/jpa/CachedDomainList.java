package org.mxsuite.embedded.jpa;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.jpa.JPADomainList;

/**
 * James's JPA domain list, remembering the domains it found: the SMTP recipient checks and the mailet matchers ask it
 * several times per message. A domain it did not find is asked again each time (the mail of relayed and backed-up
 * domains asks for those; keeping them too would need every addition to forget them). See {@link ExactCache}.
 */
public class CachedDomainList extends JPADomainList {
    private final ExactCache<Domain, Boolean> hosted = new ExactCache<>();

    @Inject
    public CachedDomainList(DNSService dns, EntityManagerFactory entityManagerFactory) {
        super(dns, entityManagerFactory);
    }

    @Override
    protected boolean containsDomainInternal(Domain domain) throws DomainListException {
        return hosted.get(domain, super::containsDomainInternal, Boolean::booleanValue);
    }

    @Override
    public void doRemoveDomain(Domain domain) throws DomainListException {
        try {
            super.doRemoveDomain(domain);
        } finally {
            hosted.forget(domain);
        }
    }
}
