package org.mxsuite.accept.relay;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.user.api.UsersRepository;

/**
 * {@link SenderIdentityHook} as the inbound (MX) listeners need it: logged-in clients only
 * ({@code authenticatedOnly} defaults to true). Mail from the internet may carry a sender of a local domain (a
 * forward elsewhere that comes back, a mailing list), and refusing it there would lose mail.
 */
public class InboundSenderIdentityHook extends SenderIdentityHook {
    @Inject
    public InboundSenderIdentityHook(DomainList domains, UsersRepository users, CanSendFrom canSendFrom) {
        super(domains, users, canSendFrom);
    }

    @Override
    public void init(Configuration configuration) {
        init(configuration, true);
    }
}
