package org.mxsuite.relay;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;

/**
 * Making and changing relay accounts, by WebAdmin and by the panel's operators alike, with the same rules and the same
 * messages: a new account needs a password and domains; a password has {@link PasswordHash#MIN_LENGTH} to
 * {@link PasswordHash#MAX_LENGTH} characters; the limits are {@link RelayAccount}'s.
 */
public final class RelayAccounts {
    private final RelayAccountStore store;

    public RelayAccounts(RelayAccountStore store) {
        this.store = store;
    }

    /**
     * Creates the account, or changes what is given of it (what is empty is kept; an empty hourly limit or maximum of
     * recipients inside a given one means "no such limit").
     *
     * @return true when it was created
     * @throws InvalidSettingException with the reason, when something given is not allowed; nothing is changed then
     */
    public boolean put(RelayAccountName name, Optional<String> password, Optional<Set<DomainName>> domains, OptionalInt dailyLimit,
                       Optional<OptionalInt> hourlyLimit, Optional<OptionalInt> maxRecipients) {
        Optional<RelayAccount> current = store.get(name);
        if (current.isEmpty() && password.isEmpty()) {
            throw new InvalidSettingException("password is required to create relay account " + name);
        }
        password.ifPresent(PasswordHash::requireAcceptable);
        Set<DomainName> newDomains = domains.or(() -> current.map(account -> Set.copyOf(account.domains())))
            .orElseThrow(() -> new InvalidSettingException("domains is required to create relay account " + name));
        int newDailyLimit = dailyLimit.isPresent() ? dailyLimit.getAsInt()
            : current.map(RelayAccount::dailyLimit).orElse(RelayAccount.DEFAULT_DAILY_LIMIT);
        RelayAccount account = new RelayAccount(name, password.map(PasswordHash::of).orElseGet(() -> current.get().password()), newDomains,
            newDailyLimit, hourlyLimit.orElseGet(() -> current.map(RelayAccount::hourlyLimit).orElse(OptionalInt.empty())),
            maxRecipients.orElseGet(() -> current.map(RelayAccount::maxRecipients).orElse(OptionalInt.empty())));
        return store.put(account);
    }

    /** A new password for an existing account. */
    public void setPassword(RelayAccountName name, String password) {
        if (store.get(name).isEmpty()) {
            throw new InvalidSettingException(noSuchAccount(name));
        }
        put(name, Optional.of(password), Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    /** What an unknown account's name is answered with. */
    public static String noSuchAccount(RelayAccountName name) {
        return "no relay account " + name;
    }

    public RelayAccountStore store() {
        return store;
    }
}
