package org.mxsuite.deliver.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;

/**
 * Decides the TLS requirement of each connection. For a host found by MX lookup, DANE and then MTA-STS
 * ({@link MxTlsSource}s, in the order given) decide when they have something to say (RFC 8461 section 2: DANE takes
 * precedence); otherwise, and always for a configured destination, the domain's {@code tls} setting does.
 */
public final class OutboundTls {
    private final TrustAnchors serverAnchors;
    private final List<MxTlsSource> mxSources;
    private final DomainCaFiles domainAnchors = new DomainCaFiles();

    public OutboundTls(TrustAnchors serverAnchors, List<MxTlsSource> mxSources) {
        this.serverAnchors = serverAnchors;
        this.mxSources = List.copyOf(mxSources);
    }

    /** The domain's {@code tls} setting alone, with the JVM's trust store. */
    public static OutboundTls settingOnly() {
        return new OutboundTls(TrustAnchors.jvmDefault(Optional.empty()), List.of());
    }

    /**
     * @param host the name the address was found under (MX host or configured destination), or the IP literal
     *     configured
     * @param foundByMx whether {@code host} is an MX host of the domain (no destination configured)
     */
    public TlsRequirement requirementFor(HostedDomain domain, String host, boolean foundByMx) throws TlsPolicyUnavailable {
        String name = normalise(host);
        if (foundByMx) {
            for (MxTlsSource source : mxSources) {
                Optional<TlsRequirement> requirement = source.requirementFor(normalise(domain.name().asString()), name);
                if (requirement.isPresent()) {
                    return requirement.get();
                }
            }
        }
        return fromSetting(domain.holdPolicy().orElseThrow(), name);
    }

    private TlsRequirement fromSetting(HoldPolicy policy, String host) throws TlsPolicyUnavailable {
        String source = "tls setting " + policy.tls().wireName();
        String name = policy.tlsName().orElse(host);
        switch (policy.tls()) {
            case OFF:
                return TlsRequirement.off(source);
            case REQUIRED:
                return TlsRequirement.encrypted(source);
            case VERIFY:
                return withSni(TlsRequirement.authenticated(source, PeerChecks.validFor(anchorsOf(policy), List.of(name))), name);
            case FINGERPRINT:
                return withSni(TlsRequirement.authenticated(source, PeerChecks.pinned(policy.tlsFingerprints())), name);
            default:
                return TlsRequirement.opportunistic(source);
        }
    }

    private TrustAnchors anchorsOf(HoldPolicy policy) throws TlsPolicyUnavailable {
        if (policy.tlsCaFile().isEmpty()) {
            return serverAnchors;
        }
        try {
            return domainAnchors.get(Path.of(policy.tlsCaFile().get()));
        } catch (IllegalStateException e) {
            throw new TlsPolicyUnavailable("the domain's tlsCaFile cannot be used: " + e.getMessage());
        }
    }

    /** SNI carries names only (RFC 6066): a server reached by address gets none. */
    private static TlsRequirement withSni(TlsRequirement requirement, String name) {
        return name.indexOf(':') >= 0 || name.matches("[0-9.]+") ? requirement : requirement.withServerName(name);
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
