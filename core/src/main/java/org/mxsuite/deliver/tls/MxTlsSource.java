package org.mxsuite.deliver.tls;

import java.util.Optional;

/**
 * A mechanism that may set the TLS requirement for an MX host of a recipient domain: DANE (RFC 7672), MTA-STS
 * (RFC 8461). {@link OutboundTls} asks them in order, DANE first; the first that answers decides, and when none does
 * the domain's {@code tls} setting applies.
 */
public interface MxTlsSource {
    /**
     * For mail to {@code domain} (lower case, no trailing dot) delivered to its MX host {@code mxHost} (lower case,
     * no trailing dot): the requirement, or empty when this mechanism has nothing to say for this host.
     *
     * @throws TlsPolicyUnavailable when its lookup failed in a way that must hold the mail (a bogus DNSSEC answer,
     *     for instance): the mail waits with the exception's reply
     */
    Optional<TlsRequirement> requirementFor(String domain, String mxHost) throws TlsPolicyUnavailable;
}
