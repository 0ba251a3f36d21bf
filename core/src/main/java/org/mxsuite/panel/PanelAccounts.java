package org.mxsuite.panel;

import java.util.Optional;
import java.util.Set;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.relay.PasswordHash;

/**
 * Making and changing panel accounts, by WebAdmin and by the panel's operators alike, with the same rules and the
 * same messages: a new account needs a role and a password; an owner needs domains, each hosted here; an operator
 * has none; a password has the length relay accounts' have.
 */
public final class PanelAccounts {
    private final PanelAccountStore store;
    private final HostedDomainStore domains;

    public PanelAccounts(PanelAccountStore store, HostedDomainStore domains) {
        this.store = store;
        this.domains = domains;
    }

    /**
     * Creates the account, or changes what is given of it (what is empty is kept).
     *
     * @return true when it was created
     * @throws InvalidSettingException with the reason, when something given is not allowed; nothing is changed then
     */
    public boolean put(PanelAccountName name, Optional<PanelRole> role, Optional<String> password, Optional<Set<DomainName>> owned) {
        Optional<PanelAccount> current = store.get(name);
        PanelRole newRole = role.or(() -> current.map(PanelAccount::role))
            .orElseThrow(() -> new InvalidSettingException("role is required to create panel account " + name));
        if (current.isEmpty() && password.isEmpty()) {
            throw new InvalidSettingException("password is required to create panel account " + name);
        }
        password.ifPresent(PasswordHash::requireAcceptable);
        Set<DomainName> newDomains = owned.map(this::hosted).orElseGet(() -> newRole == PanelRole.OPERATOR ? Set.of()
            : current.filter(account -> account.role() == PanelRole.OWNER).map(account -> Set.copyOf(account.domains()))
                .orElseThrow(() -> new InvalidSettingException("domains is required for an owner account")));
        PanelAccount account = new PanelAccount(name, newRole, password.map(PasswordHash::of).orElseGet(() -> current.get().password()),
            newDomains);
        return store.put(account);
    }

    private Set<DomainName> hosted(Set<DomainName> owned) {
        for (DomainName domain : owned) {
            if (domains.get(domain).isEmpty()) {
                throw new InvalidSettingException("domain " + domain + " is not hosted here");
            }
        }
        return owned;
    }

    public PanelAccountStore store() {
        return store;
    }
}
