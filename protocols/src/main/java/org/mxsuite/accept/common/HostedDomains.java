package org.mxsuite.accept.common;

import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.domain.LocalPart;

/** The hosted domain of an address, if any; address literals ({@code user@[192.0.2.1]}) are never hosted. */
public final class HostedDomains {
    private HostedDomains() {
    }

    public static Optional<HostedDomain> lookup(HostedDomainStore domains, MailAddress address) {
        return domainName(address).flatMap(domains::get);
    }

    /** The address's domain as a DNS name; empty for an address literal or a name that is not fully qualified. */
    public static Optional<DomainName> domainName(MailAddress address) {
        try {
            return Optional.of(DomainName.of(address.getDomain().asString()));
        } catch (InvalidSettingException e) {
            return Optional.empty();
        }
    }

    /**
     * The 5xx the domain's own rules give the recipient at RCPT, if any: sender-specified routing (550 5.7.1), a local
     * part outside a backup/relay domain's {@code recipients} or one a forward domain rejects (550 5.1.1). The
     * hosted-domain hooks answer it; checks that would only delay the recipient, such as greylisting, leave it to them.
     */
    public static Optional<HookResult> refusal(HostedDomain domain, MailAddress recipient) {
        String localPart = recipient.getLocalPart();
        if (routesElsewhere(localPart)) {
            return Optional.of(deny("5.7.1 <" + recipient.asString() + ">: sender-specified routing is not allowed here"));
        }
        boolean unknown = domain.holdPolicy().flatMap(policy -> policy.recipients())
            .map(recipients -> !recipients.contains(LocalPart.canonical(localPart))).orElse(false);
        if (unknown || domain.forwardPolicy().map(policy -> policy.rejects(localPart)).orElse(false)) {
            return Optional.of(deny("5.1.1 <" + recipient.asString() + ">: recipient address rejected: user unknown"));
        }
        return Optional.empty();
    }

    private static HookResult deny(String description) {
        return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("550").smtpDescription(description).build();
    }

    /** {@code user%other@domain}, {@code other!user@domain}, {@code "user@other"@domain}: Postfix refuses them too. */
    static boolean routesElsewhere(String localPart) {
        return localPart.indexOf('%') >= 0 || localPart.indexOf('!') >= 0 || localPart.indexOf('@') >= 0;
    }
}
