package org.mxsuite.relay;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.state.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may relay, and for which sender domains: relay accounts (plain login) for the domains they own, mailbox users
 * (full address as login) for their own domain. Either way the sending domain pays the relays out of its daily quota.
 */
public final class RelayClients {
    private static final Logger LOGGER = LoggerFactory.getLogger(RelayClients.class);

    private final RelayAccountStore accounts;
    private final RelaySettings settings;
    private final PasswordChecks checks;
    private final VerifiedLogins verified;
    // the checks under way, by login: the same credentials at the same moment wait for one
    private final Map<String, CompletableFuture<RelayLogin>> checking = new ConcurrentHashMap<>();
    // checked against when there is no account, or to make up the cost of an account's older, cheaper hash
    private final Map<Integer, PasswordHash> standIns = new ConcurrentHashMap<>();

    public RelayClients(RelayAccountStore accounts, RelaySettings settings) {
        this(accounts, settings, new PasswordChecks(PasswordChecks.defaultLimit()), Clock.systemUTC());
    }

    public RelayClients(RelayAccountStore accounts, RelaySettings settings, PasswordChecks checks, Clock clock) {
        this.accounts = accounts;
        this.settings = settings;
        this.checks = checks;
        this.verified = new VerifiedLogins(clock);
    }

    /**
     * Whether {@code login} and {@code password} open a relay account. Every refusal costs one full hash, whether the
     * account exists or not, so that the time of the answer does not tell which names are accounts. A password that
     * succeeded lately is not hashed again ({@link VerifiedLogins}); logins with the same credentials at the same time
     * (a customer's server opening many connections at once) wait for one check; the others wait for a free check
     * ({@link PasswordChecks}), or are not checked at all ({@link RelayLogin#isBusy()}). An account whose hash is older
     * than the current cost gets a new one from the password that just opened it.
     */
    public RelayLogin authenticate(String login, String password) {
        Optional<RelayAccount> account = account(login);
        String name = account.map(found -> found.name().asString()).orElse(login.toLowerCase(Locale.ROOT));
        PasswordHash stored = account.map(RelayAccount::password).orElseGet(() -> standIn(PasswordHash.ITERATIONS));
        String fingerprint = verified.fingerprint(name, stored, password == null ? "" : password);
        if (account.isPresent() && verified.contains(fingerprint)) {
            return RelayLogin.accepted(account.get());
        }
        CompletableFuture<RelayLogin> check = new CompletableFuture<>();
        CompletableFuture<RelayLogin> running = checking.putIfAbsent(fingerprint, check);
        if (running != null) {
            return running.join();
        }
        try {
            RelayLogin result = check(account, stored, password, fingerprint);
            check.complete(result);
            return result;
        } catch (RuntimeException e) {
            check.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(fingerprint, check);
        }
    }

    private RelayLogin check(Optional<RelayAccount> account, PasswordHash stored, String password, String fingerprint) {
        if (!checks.tryStart()) {
            return RelayLogin.notChecked();
        }
        try {
            if (!stored.matches(password) || account.isEmpty()) {
                if (stored.isWeakerThanCurrent()) {
                    standIn(PasswordHash.ITERATIONS - stored.iterations()).matches(password);
                }
                return RelayLogin.refused();
            }
            RelayAccount opened = stored.isWeakerThanCurrent() ? upgraded(account.get(), password) : account.get();
            verified.remember(opened == account.get() ? fingerprint
                : verified.fingerprint(opened.name().asString(), opened.password(), password));
            return RelayLogin.accepted(opened);
        } finally {
            checks.done();
        }
    }

    private PasswordHash standIn(int iterations) {
        return standIns.computeIfAbsent(iterations, count -> PasswordHash.of(UUID.randomUUID().toString(), count));
    }

    /** The account with a hash of the current cost, stored; as it was if the store cannot take it now (next time then). */
    private RelayAccount upgraded(RelayAccount account, String password) {
        RelayAccount stronger = account.withPassword(PasswordHash.of(password));
        try {
            accounts.put(stronger);
            LOGGER.info("relay account {}: password hash raised from {} to {} iterations", account.name(),
                account.password().iterations(), PasswordHash.ITERATIONS);
            return stronger;
        } catch (StateStoreException e) {
            LOGGER.warn("relay account {}: cannot store its stronger password hash; trying again at its next login", account.name(), e);
            return account;
        }
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
            return new Decision(new RelayCharge(domain.get(), account.get().dailyLimit(), account.get().hourlyLimit(),
                account.get().maxRecipients()), null, true);
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
