package org.mxsuite.accept;

import java.util.Locale;
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

    /**
     * Whether the domain's own rules refuse the recipient with a 5xx at RCPT (sender-specified routing, a local part
     * outside a backup/relay domain's {@code recipients}, a local part a forward domain rejects): checks that would
     * only delay it, such as greylisting, leave it to that refusal.
     */
    public static boolean refuses(HostedDomain domain, MailAddress recipient) {
        String localPart = recipient.getLocalPart();
        if (HostedDomainRcptHook.routesElsewhere(localPart)) {
            return true;
        }
        boolean unknown = domain.holdPolicy().flatMap(policy -> policy.recipients())
            .map(recipients -> !recipients.contains(localPart.toLowerCase(Locale.ROOT))).orElse(false);
        return unknown || domain.forwardPolicy().map(policy -> policy.rejects(localPart)).orElse(false);
    }
}
