package org.mxsuite.relay;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;

/**
 * Who may relay, and for which sender domains: relay accounts (plain login) for the domains they own, mailbox users
 * (full address as login) for their own domain. Either way the sending domain pays the relays out of its daily quota.
 */
public final class RelayClients {
    private final RelayAccountStore accounts;
    private final RelaySettings settings;

    public RelayClients(RelayAccountStore accounts, RelaySettings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    /** The relay account that {@code login} and {@code password} open; empty for other logins (mailbox users). */
    public Optional<RelayAccount> authenticate(String login, String password) {
        return account(login).filter(account -> account.password().matches(password));
    }

    /** The relay account of a plain login, if there is one. */
    public Optional<RelayAccount> account(String login) {
        if (!RelayAccountName.couldBe(login)) {
            return Optional.empty();
        }
        try {
            return accounts.get(RelayAccountName.of(login));
        } catch (InvalidSettingException e) {
            return Optional.empty();
        }
    }

    /** The outcome of {@link #charge}: the domain to charge, or the refusal to answer MAIL FROM with. */
    public static final class Decision {
        private final RelayCharge charge;
        private final String refusal;
        private final boolean fromAccount;

        private Decision(RelayCharge charge, String refusal, boolean fromAccount) {
            this.charge = charge;
            this.refusal = refusal;
            this.fromAccount = fromAccount;
        }

        public Optional<RelayCharge> charge() {
            return Optional.ofNullable(charge);
        }

        /** Why the sender is refused (the text of a 550 5.7.1), when it is. */
        public Optional<String> refusal() {
            return Optional.ofNullable(refusal);
        }

        /** True for a relay account's mail (verified in DNS), false for a mailbox user's. */
        public boolean fromRelayAccount() {
            return fromAccount;
        }
    }

    /**
     * Whether the client logged in as {@code login} may send from {@code senderDomain} (empty: the null sender),
     * and which domain's quota pays.
     */
    public Decision charge(String login, Optional<DomainName> senderDomain) {
        if (RelayAccountName.couldBe(login)) {
            Optional<RelayAccount> account = account(login);
            if (account.isEmpty()) {
                return refused("relay account " + login + " no longer exists");
            }
            Optional<DomainName> domain = account.get().quotaDomainOf(senderDomain);
            if (domain.isEmpty()) {
                return refused("relay account " + account.get().name() + " may not send from " + senderDomain.get()
                    + "; its domains are " + account.get().domains().stream().map(DomainName::asString).collect(Collectors.joining(", ")));
            }
            return new Decision(new RelayCharge(domain.get(), account.get().dailyLimit()), null, true);
        }
        String userDomain = login.substring(login.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        DomainName own;
        try {
            own = DomainName.of(userDomain);
        } catch (InvalidSettingException e) {
            return refused(login + " has no domain to send from");
        }
        if (senderDomain.isPresent() && !senderDomain.get().equals(own)) {
            return refused(login + " may only send from " + own);
        }
        return new Decision(new RelayCharge(own, settings.mailboxDailyLimit()), null, false);
    }

    private static Decision refused(String why) {
        return new Decision(null, why, false);
    }
}
