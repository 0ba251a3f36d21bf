package org.mxsuite.panel;

import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.relay.PasswordHash;

/**
 * A control panel account: an operator, or the owner of some hosted domains (one account may own several, as one
 * relay account may send for several). The password is kept as a hash, as relay accounts' are.
 */
public final class PanelAccount {
    private final PanelAccountName name;
    private final PanelRole role;
    private final PasswordHash password;
    private final SortedSet<DomainName> domains;

    public PanelAccount(PanelAccountName name, PanelRole role, PasswordHash password, Set<DomainName> domains) {
        this.name = Objects.requireNonNull(name);
        this.role = Objects.requireNonNull(role);
        this.password = Objects.requireNonNull(password);
        this.domains = new TreeSet<>(domains);
        if (role == PanelRole.OWNER && domains.isEmpty()) {
            throw new InvalidSettingException("an owner account needs at least one domain");
        }
        if (role == PanelRole.OPERATOR && !domains.isEmpty()) {
            throw new InvalidSettingException("an operator account has every domain: give it no domains");
        }
    }

    public PanelAccountName name() {
        return name;
    }

    public PanelRole role() {
        return role;
    }

    public PasswordHash password() {
        return password;
    }

    /** The domains an owner owns, by name; empty for an operator, who has all. */
    public SortedSet<DomainName> domains() {
        return java.util.Collections.unmodifiableSortedSet(domains);
    }

    /** Whether this account may see and act on {@code domain}. */
    public boolean mayAct(DomainName domain) {
        return role == PanelRole.OPERATOR || domains.contains(domain);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PanelAccount)) {
            return false;
        }
        PanelAccount other = (PanelAccount) o;
        return name.equals(other.name) && role == other.role && password.encoded().equals(other.password.encoded())
            && domains.equals(other.domains);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role, password.encoded(), domains);
    }

    @Override
    public String toString() {
        return name + " (" + role.wireName() + (domains.isEmpty() ? "" : " of " + domains) + ")";
    }
}
