package org.mxsuite.deliver;

import org.mxsuite.deliver.smtp.SmtpConnection;
import org.mxsuite.deliver.smtp.SmtpException;
import org.mxsuite.deliver.smtp.Timeouts;
import org.mxsuite.domain.Destination;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.TlsPolicy;

/** Opens a connection ready for mail to the first of a domain's destinations that answers, in order. */
final class DestinationConnector {
    private final DestinationResolver resolver;
    private final Handshake handshake;

    DestinationConnector(DestinationResolver resolver, Handshake handshake) {
        this.resolver = resolver;
        this.handshake = handshake;
    }

    /** The failure of the last destination tried when none answers; {@link NoDestinationException} when there is none. */
    SmtpConnection connect(HostedDomain domain, Timeouts timeouts) throws SmtpException, NoDestinationException {
        TlsPolicy tls = domain.holdPolicy().orElseThrow().tls();
        SmtpException last = null;
        for (Destination destination : resolver.resolve(domain)) {
            try {
                return handshake.open(destination, tls, timeouts, Handshake.Steps.NONE);
            } catch (SmtpException e) {
                last = e;
            }
        }
        throw last;
    }
}
