package org.mxsuite.accept.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;

/**
 * James's own domains (those of its mailboxes) as a set. Not James's MemoryDomainList: its module would change the
 * scope of James's data library, which the module's main code compiles against.
 */
public final class JamesDomains implements DomainList {
    private final Set<Domain> domains = ConcurrentHashMap.newKeySet();

    private JamesDomains() {
    }

    public static JamesDomains of(String... domains) {
        JamesDomains list = new JamesDomains();
        for (String domain : domains) {
            list.addDomain(Domain.of(domain));
        }
        return list;
    }

    @Override
    public List<Domain> getDomains() {
        return new ArrayList<>(domains);
    }

    @Override
    public boolean containsDomain(Domain domain) {
        return domains.contains(domain);
    }

    @Override
    public void addDomain(Domain domain) {
        domains.add(domain);
    }

    @Override
    public void removeDomain(Domain domain) {
        domains.remove(domain);
    }

    @Override
    public Domain getDefaultDomain() {
        return Domain.LOCALHOST;
    }
}
