package org.mxsuite.accept.check;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.config.SuiteProperties;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.SMTPSession;
import org.mxsuite.accept.common.HostedDomains;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InboundCheck;

/**
 * Whether an SMTP-time check applies to a recipient: only when the check is on for the server
 * ({@code checks.<check>.enabled} of mxsuite.properties) and for the recipient's hosted domain, and never for an
 * authenticated client or a trusted network (James's {@code authorizedAddresses}). Recipients of other domains are left
 * to the rest of the chain, which refuses to relay for them.
 */
@Singleton
public final class InboundCheckGate {
    private final HostedDomainStore domains;
    private final Set<InboundCheck> enabled;

    @Inject
    public InboundCheckGate(HostedDomainStore domains, PropertiesProvider properties) throws ConfigurationException {
        this(domains, enabled(SuiteProperties.read(properties)));
    }

    public InboundCheckGate(HostedDomainStore domains, Set<InboundCheck> enabled) {
        this.domains = domains;
        this.enabled = enabled.isEmpty() ? EnumSet.noneOf(InboundCheck.class) : EnumSet.copyOf(enabled);
    }

    static Set<InboundCheck> enabled(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        Set<InboundCheck> enabled = EnumSet.noneOf(InboundCheck.class);
        for (InboundCheck check : InboundCheck.values()) {
            if (configuration.getBoolean("checks." + check.field() + ".enabled")) {
                enabled.add(check);
            }
        }
        return enabled;
    }

    /** Whether the check is on for the server at all. */
    public boolean isEnabled(InboundCheck check) {
        return enabled.contains(check);
    }

    /** The recipient's hosted domain when {@code check} is to be made for it in this session. */
    public Optional<HostedDomain> appliesTo(InboundCheck check, SMTPSession session, MailAddress recipient) {
        if (!enabled.contains(check) || isExempt(session)) {
            return Optional.empty();
        }
        return HostedDomains.lookup(domains, recipient).filter(domain -> domain.checks().isOn(check));
    }

    /**
     * The first recipient {@code check} is to be made for, if any: DATA has one reply for all recipients, so a check
     * of the message applies when it is on for any recipient's domain.
     */
    public Optional<MailAddress> firstRecipientChecked(InboundCheck check, SMTPSession session, Collection<MailAddress> recipients) {
        return recipients.stream().filter(recipient -> appliesTo(check, session, recipient).isPresent()).findFirst();
    }

    /** Authenticated clients and trusted networks are never checked. */
    public static boolean isExempt(SMTPSession session) {
        return session.getUsername() != null || session.isRelayingAllowed();
    }
}
