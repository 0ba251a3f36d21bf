package org.mxsuite.accept;

import org.mxsuite.accept.common.HostedDomains;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.ForwardPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.forward.Srs;

/**
 * The domain whose hold queue a recipient's mail goes into, when that is a domain we do not host or another hosted
 * domain than its own: the target of a forward domain (followed through our other forward domains), the original
 * sender of a bounce to one of our SRS addresses, the recipient of mail relayed for an authenticated client or a trusted
 * network. Empty for mail delivered here (mailbox domains, James's own domains), for recipients of backup and relay
 * domains (their own quota, checked by {@link HostedDomainRcptHook}), and for what the other hooks refuse.
 */
public final class HeldDestinations {
    /** Forward domains followed at most (as the forwarding mailet does). */
    private static final int MAX_LINKS = 10;

    private final HostedDomainStore domains;
    private final Srs srs;
    private final DomainList localDomains;

    @Inject
    public HeldDestinations(HostedDomainStore domains, Srs srs, DomainList localDomains) {
        this.domains = domains;
        this.srs = srs;
        this.localDomains = localDomains;
    }

    public Optional<DomainName> of(SMTPSession session, MailAddress recipient) {
        MailAddress start;
        if (srs.isOurs(recipient) && Srs.isSrs(recipient)) {
            Optional<MailAddress> original = srs.reverse(recipient).address();
            if (original.isEmpty()) {
                return Optional.empty();
            }
            start = original.get();
        } else {
            Optional<HostedDomain> hosted = HostedDomains.lookup(domains, recipient);
            boolean relayed = hosted.isEmpty() && (session.getUsername() != null || session.isRelayingAllowed());
            if (!relayed && hosted.map(domain -> domain.service() != ServiceKind.FORWARD).orElse(true)) {
                return Optional.empty();
            }
            start = recipient;
        }
        return target(start).flatMap(HostedDomains::domainName).filter(domain -> !isDeliveredHere(domain));
    }

    /** Where the address ends up once our forward domains are followed; empty for a loop or a refused local part. */
    private Optional<MailAddress> target(MailAddress address) {
        Set<DomainName> followed = new HashSet<>();
        MailAddress current = address;
        while (true) {
            Optional<HostedDomain> forward = HostedDomains.lookup(domains, current).filter(domain -> domain.service() == ServiceKind.FORWARD);
            if (forward.isEmpty()) {
                return Optional.of(current);
            }
            ForwardPolicy policy = forward.get().forwardPolicy().orElseThrow();
            if (!followed.add(forward.get().name()) || followed.size() > MAX_LINKS || policy.rejects(current.getLocalPart())) {
                return Optional.empty();
            }
            current = policy.targetOf(current.getLocalPart());
        }
    }

    private boolean isDeliveredHere(DomainName domain) {
        if (domains.get(domain).filter(hosted -> hosted.service() == ServiceKind.MAILBOX).isPresent()) {
            return true;
        }
        try {
            return localDomains.containsDomain(org.apache.james.core.Domain.of(domain.asString()));
        } catch (DomainListException e) {
            return false; // counted as held: erring towards the limit, never past it
        }
    }
}
