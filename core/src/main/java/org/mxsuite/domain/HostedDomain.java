package org.mxsuite.domain;

import java.util.Objects;
import java.util.Optional;

/** A domain the suite hosts, the service it gets, and that service's settings. */
public final class HostedDomain {
    private final DomainName name;
    private final ServiceKind service;
    private final Optional<HoldPolicy> holdPolicy;
    private final Optional<ForwardPolicy> forwardPolicy;
    private final InboundChecks checks;
    private final TrafficLimits limits;

    private HostedDomain(DomainName name, ServiceKind service, Optional<HoldPolicy> holdPolicy, Optional<ForwardPolicy> forwardPolicy,
                         InboundChecks checks) {
        this(name, service, holdPolicy, forwardPolicy, checks, TrafficLimits.NONE);
    }

    private HostedDomain(DomainName name, ServiceKind service, Optional<HoldPolicy> holdPolicy, Optional<ForwardPolicy> forwardPolicy,
                         InboundChecks checks, TrafficLimits limits) {
        this.name = Objects.requireNonNull(name);
        this.service = Objects.requireNonNull(service);
        this.holdPolicy = Objects.requireNonNull(holdPolicy);
        this.forwardPolicy = Objects.requireNonNull(forwardPolicy);
        this.checks = Objects.requireNonNull(checks);
        this.limits = Objects.requireNonNull(limits);
    }

    /** A backup or relay domain: mail goes through the hold queue to the customer's server. */
    public static HostedDomain holding(DomainName name, ServiceKind service, HoldPolicy policy) {
        if (!service.holdsMail()) {
            throw new IllegalArgumentException(service.wireName() + " does not hold mail");
        }
        if (service == ServiceKind.RELAY && policy.destination().isEmpty()) {
            throw new InvalidSettingException("service relay needs a destination (host:port of the customer's server)");
        }
        return new HostedDomain(name, service, Optional.of(policy), Optional.empty(), InboundChecks.ALL);
    }

    /** A forward domain: every address forwarded as the policy says. */
    public static HostedDomain forwarding(DomainName name, ForwardPolicy policy) {
        if (policy.forwardTo().getDomain().asString().equalsIgnoreCase(name.asString())) {
            throw new InvalidSettingException("forwardTo " + policy.forwardTo().asString() + " is an address of " + name
                + " itself: mail would loop");
        }
        return new HostedDomain(name, ServiceKind.FORWARD, Optional.empty(), Optional.of(policy), InboundChecks.ALL);
    }

    /** A domain whose service needs no settings (mailbox), or a backup/relay domain with the default settings. */
    public static HostedDomain of(DomainName name, ServiceKind service) {
        if (service.holdsMail()) {
            return holding(name, service, HoldPolicy.DEFAULT);
        }
        if (service == ServiceKind.FORWARD) {
            throw new InvalidSettingException("service forward needs forwardTo (the address every message goes to)");
        }
        return new HostedDomain(name, service, Optional.empty(), Optional.empty(), InboundChecks.ALL);
    }

    /** The same domain with these checks switched on and off. */
    public HostedDomain withChecks(InboundChecks checks) {
        return new HostedDomain(name, service, holdPolicy, forwardPolicy, checks, limits);
    }

    /** The same domain with these traffic limits. */
    public HostedDomain withLimits(TrafficLimits limits) {
        return new HostedDomain(name, service, holdPolicy, forwardPolicy, checks, limits);
    }

    public DomainName name() {
        return name;
    }

    public ServiceKind service() {
        return service;
    }

    /** Present exactly when {@link ServiceKind#holdsMail()}. */
    public Optional<HoldPolicy> holdPolicy() {
        return holdPolicy;
    }

    /** Present exactly when the service is forward. */
    public Optional<ForwardPolicy> forwardPolicy() {
        return forwardPolicy;
    }

    /** The SMTP-time checks that guard this domain (all on by default). */
    public InboundChecks checks() {
        return checks;
    }

    /** Its traffic limits, whatever its service (none by default). */
    public TrafficLimits limits() {
        return limits;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HostedDomain)) {
            return false;
        }
        HostedDomain that = (HostedDomain) o;
        return name.equals(that.name) && service == that.service && holdPolicy.equals(that.holdPolicy)
            && forwardPolicy.equals(that.forwardPolicy) && checks.equals(that.checks)
            && limits.equals(that.limits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, service, holdPolicy, forwardPolicy, checks, limits);
    }

    @Override
    public String toString() {
        return name + " (" + service.wireName() + ")";
    }
}
