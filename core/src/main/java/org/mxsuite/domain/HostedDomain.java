package org.mxsuite.domain;

import java.util.Objects;
import java.util.Optional;

/** A domain the suite hosts, the service it gets, and that service's settings. */
public final class HostedDomain {
    private final DomainName name;
    private final Service service;
    private final Optional<HoldPolicy> holdPolicy;

    private HostedDomain(DomainName name, Service service, Optional<HoldPolicy> holdPolicy) {
        this.name = Objects.requireNonNull(name);
        this.service = Objects.requireNonNull(service);
        this.holdPolicy = Objects.requireNonNull(holdPolicy);
    }

    /** A backup or relay domain: mail goes through the hold queue to the customer's server. */
    public static HostedDomain holding(DomainName name, Service service, HoldPolicy policy) {
        if (!service.holdsMail()) {
            throw new IllegalArgumentException(service.wireName() + " does not hold mail");
        }
        if (service == Service.RELAY && policy.destination().isEmpty()) {
            throw new InvalidSettingException("service relay needs a destination (host:port of the customer's server)");
        }
        return new HostedDomain(name, service, Optional.of(policy));
    }

    /** A domain whose service has no settings of its own yet (forward, mailbox). */
    public static HostedDomain of(DomainName name, Service service) {
        if (service.holdsMail()) {
            return holding(name, service, HoldPolicy.DEFAULT);
        }
        return new HostedDomain(name, service, Optional.empty());
    }

    public DomainName name() {
        return name;
    }

    public Service service() {
        return service;
    }

    /** Present exactly when {@link Service#holdsMail()}. */
    public Optional<HoldPolicy> holdPolicy() {
        return holdPolicy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HostedDomain)) {
            return false;
        }
        HostedDomain that = (HostedDomain) o;
        return name.equals(that.name) && service == that.service && holdPolicy.equals(that.holdPolicy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, service, holdPolicy);
    }

    @Override
    public String toString() {
        return name + " (" + service.wireName() + ")";
    }
}
