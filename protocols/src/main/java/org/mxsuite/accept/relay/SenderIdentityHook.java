package org.mxsuite.accept.relay;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.AbstractSenderAuthIdentifyVerificationHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.mxsuite.relay.RelayAccountName;

/**
 * James's identity check of {@code verifyIdentity} (a mailbox user sends only as itself or an address it may send
 * from, and unauthenticated clients not as a local user), applied to mailbox users only: a relay account is no
 * address of a local domain, and {@link RelaySenderMailHook} decides its senders. James's own check cannot tell the
 * two apart, so {@code smtpserver.xml} turns it off ({@code <verifyIdentity>false}) and every listener runs this
 * hook ({@link org.mxsuite.accept.SmtpHandlers}; {@code verifyIdentity} defaults to true). On the inbound (MX)
 * listeners, {@link InboundSenderIdentityHook} ({@code authenticatedOnly} true) checks logged-in clients only: mail
 * from the internet may carry a sender of a local domain (a forward elsewhere that comes back, a mailing list), and
 * refusing it there would lose mail.
 */
public class SenderIdentityHook extends AbstractSenderAuthIdentifyVerificationHook {
    private final DomainList domains;
    private final UsersRepository users;
    private final CanSendFrom canSendFrom;
    private boolean verifyIdentity = true;
    private boolean authenticatedOnly;

    @Inject
    public SenderIdentityHook(DomainList domains, UsersRepository users, CanSendFrom canSendFrom) {
        this.domains = domains;
        this.users = users;
        this.canSendFrom = canSendFrom;
    }

    @Override
    public void init(Configuration configuration) {
        init(configuration, false);
    }

    /** Both parameters default to what {@link org.mxsuite.accept.SmtpHandlers} lists the hook for. */
    protected final void init(Configuration configuration, boolean authenticatedOnlyByDefault) {
        verifyIdentity = configuration.getBoolean("verifyIdentity", true);
        authenticatedOnly = configuration.getBoolean("authenticatedOnly", authenticatedOnlyByDefault);
    }

    @Override
    protected HookResult doCheck(SMTPSession session, MaybeSender sender) {
        if (!verifyIdentity || (session.getUsername() == null && authenticatedOnly)
            || (session.getUsername() != null && RelayAccountName.couldBe(session.getUsername().asString()))) {
            return HookResult.DECLINED;
        }
        return super.doCheck(session, sender);
    }

    @Override
    protected boolean isLocalDomain(Domain domain) {
        try {
            return domains.containsDomain(domain);
        } catch (DomainListException e) {
            return false;
        }
    }

    @Override
    protected Username getUser(MailAddress mailAddress) {
        try {
            return users.getUsername(mailAddress);
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("cannot read the users repository", e);
        }
    }

    @Override
    protected boolean isSenderAllowed(Username connectedUser, Username sender) {
        return canSendFrom.userCanSendFrom(connectedUser, sender);
    }
}
