package org.mxsuite.domain;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.james.core.MailAddress;

/**
 * Where a forward domain's mail goes: every address to {@code forwardTo}, except the local parts routed elsewhere
 * ({@code addresses}) and those refused ({@code reject}). Local parts are kept lower case and compared in their
 * {@link LocalPart#canonical} form: they match whatever the case or quoting the sender wrote.
 */
public final class ForwardPolicy {
    private final MailAddress forwardTo;
    private final Map<String, MailAddress> addresses;
    private final Set<String> reject;

    public ForwardPolicy(MailAddress forwardTo, Map<String, MailAddress> addresses, Set<String> reject) {
        this.forwardTo = Objects.requireNonNull(forwardTo);
        this.addresses = java.util.Collections.unmodifiableMap(new TreeMap<>(addresses));
        this.reject = java.util.Collections.unmodifiableSet(new TreeSet<>(reject));
    }

    public static ForwardPolicy to(MailAddress forwardTo) {
        return new ForwardPolicy(forwardTo, Map.of(), Set.of());
    }

    public MailAddress forwardTo() {
        return forwardTo;
    }

    public Map<String, MailAddress> addresses() {
        return addresses;
    }

    public Set<String> reject() {
        return reject;
    }

    public boolean rejects(String localPart) {
        return reject.contains(LocalPart.canonical(localPart));
    }

    /** The address mail to {@code localPart} is forwarded to. */
    public MailAddress targetOf(String localPart) {
        return addresses.getOrDefault(LocalPart.canonical(localPart), forwardTo);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ForwardPolicy)) {
            return false;
        }
        ForwardPolicy that = (ForwardPolicy) o;
        return forwardTo.equals(that.forwardTo) && addresses.equals(that.addresses) && reject.equals(that.reject);
    }

    @Override
    public int hashCode() {
        return Objects.hash(forwardTo, addresses, reject);
    }
}
