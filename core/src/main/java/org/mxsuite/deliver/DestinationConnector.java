package org.mxsuite.deliver;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.mxsuite.deliver.smtp.SmtpConnection;
import org.mxsuite.deliver.smtp.SmtpException;
import org.mxsuite.deliver.smtp.SmtpReply;
import org.mxsuite.deliver.smtp.Timeouts;
import org.mxsuite.deliver.tls.OutboundTls;
import org.mxsuite.deliver.tls.TlsPolicyUnavailable;
import org.mxsuite.deliver.tls.TlsRequirement;
import org.mxsuite.domain.HostedDomain;

/**
 * Opens a connection ready for mail to the first of a domain's destinations that answers and meets its TLS
 * requirement, in order.
 */
final class DestinationConnector {
    private final DestinationResolver resolver;
    private final Handshake handshake;
    private final OutboundTls tls;

    DestinationConnector(DestinationResolver resolver, Handshake handshake, OutboundTls tls) {
        this.resolver = resolver;
        this.handshake = handshake;
        this.tls = tls;
    }

    /** The failure of the last destination tried when none answers; {@link NoDestinationException} when there is none. */
    SmtpConnection connect(HostedDomain domain, Timeouts timeouts) throws SmtpException, NoDestinationException {
        SmtpException last = null;
        // one decision per host: its addresses share it
        Map<String, TlsRequirement> requirements = new HashMap<>();
        for (Candidate candidate : resolver.candidates(domain)) {
            try {
                TlsRequirement requirement = requirements.get(candidate.host());
                if (requirement == null) {
                    requirement = requirementFor(domain, candidate);
                    requirements.put(candidate.host(), requirement);
                }
                return handshake.open(candidate, requirement, timeouts, Handshake.Steps.NONE);
            } catch (SmtpException e) {
                last = e;
            }
        }
        throw last;
    }

    /** One candidate, every step reported (the REST probe). */
    SmtpConnection open(HostedDomain domain, Candidate candidate, Timeouts timeouts, Handshake.Steps steps) throws SmtpException {
        TlsRequirement requirement;
        try {
            requirement = requirementFor(domain, candidate);
        } catch (SmtpException e) {
            steps.add("TLS policy of " + candidate.host(), e.reply().toString(), false, Duration.ZERO);
            throw e;
        }
        steps.add("TLS policy of " + candidate.host(), requirement.toString(), true, Duration.ZERO);
        return handshake.open(candidate, requirement, timeouts, steps);
    }

    /** The TLS requirement of a connection to {@code candidate}; a policy that could not be looked up holds the mail. */
    private TlsRequirement requirementFor(HostedDomain domain, Candidate candidate) throws SmtpException {
        try {
            return tls.requirementFor(domain, candidate.host(), candidate.foundByMx());
        } catch (TlsPolicyUnavailable e) {
            throw new SmtpException(SmtpReply.local(451, e.enhancedCode(), "TLS policy of " + candidate.host()
                + " unknown, mail held: " + e.getMessage()));
        }
    }
}
