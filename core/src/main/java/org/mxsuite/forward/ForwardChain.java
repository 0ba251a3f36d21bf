package org.mxsuite.forward;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.ForwardPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.domain.ServiceKind;

/**
 * Where mail to an address ends up once the forward domains we host have been followed: a target of a domain we do
 * not forward, or a reason it cannot be forwarded (a loop between forward domains, a refused local part). Followed
 * here, without DNS or SMTP, so that a loop between two of our forward domains is caught at the first pass.
 */
public final class ForwardChain {
    /** Forward domains followed at most, loops aside. */
    static final int MAX_LINKS = 10;

    private final HostedDomainStore domains;

    /** The end of a chain. */
    public static final class End {
        private final Optional<MailAddress> target;
        private final String failure;

        private End(Optional<MailAddress> target, String failure) {
            this.target = target;
            this.failure = failure;
        }

        public Optional<MailAddress> target() {
            return target;
        }

        /** Why there is no target: an RFC 3463 status and a reason. */
        public String failure() {
            return failure;
        }
    }

    @Inject
    public ForwardChain(HostedDomainStore domains) {
        this.domains = domains;
    }

    public End follow(MailAddress address) {
        Set<DomainName> followed = new LinkedHashSet<>();
        MailAddress current = address;
        while (true) {
            Optional<HostedDomain> forward = forwardDomain(current);
            if (forward.isEmpty()) {
                return new End(Optional.of(current), "");
            }
            if (!followed.add(forward.get().name()) || followed.size() > MAX_LINKS) {
                return new End(Optional.empty(), "5.4.6 forwarding loop: " + address.asString() + " is forwarded through "
                    + followed + " back to " + forward.get().name());
            }
            ForwardPolicy policy = forward.get().forwardPolicy().orElseThrow();
            if (policy.rejects(current.getLocalPart())) {
                return new End(Optional.empty(), "5.1.1 " + current.asString() + ": recipient address rejected");
            }
            current = policy.targetOf(current.getLocalPart());
        }
    }

    private Optional<HostedDomain> forwardDomain(MailAddress address) {
        try {
            return domains.get(DomainName.of(address.getDomain().asString()))
                .filter(domain -> domain.service() == ServiceKind.FORWARD);
        } catch (InvalidSettingException e) {
            return Optional.empty();
        }
    }
}
