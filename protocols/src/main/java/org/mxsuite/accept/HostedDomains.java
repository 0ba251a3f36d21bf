package org.mxsuite.accept;

import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;

/** The hosted domain of an address, if any; address literals ({@code user@[192.0.2.1]}) are never hosted. */
public final class HostedDomains {
    private HostedDomains() {
    }

    public static Optional<HostedDomain> lookup(HostedDomainStore domains, MailAddress address) {
        DomainName name;
        try {
            name = DomainName.of(address.getDomain().asString());
        } catch (InvalidSettingException e) {
            return Optional.empty();
        }
        return domains.get(name);
    }
}
