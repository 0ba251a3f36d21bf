package org.mxsuite.relay;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;

/**
 * An outbound relay (smarthost) account: one login and password that may send mail from every domain it owns, each
 * domain within {@code dailyLimit} relays per UTC day.
 */
public final class RelayAccount {
    public static final int DEFAULT_DAILY_LIMIT = 200;
    public static final int MAX_DAILY_LIMIT = 10_000_000;
    public static final int MAX_RECIPIENTS = 100_000;

    private final RelayAccountName name;
    private final PasswordHash password;
    private final SortedSet<DomainName> domains;
    private final int dailyLimit;
    private final OptionalInt hourlyLimit;
    private final OptionalInt maxRecipients;

    public RelayAccount(RelayAccountName name, PasswordHash password, Set<DomainName> domains, int dailyLimit) {
        this(name, password, domains, dailyLimit, OptionalInt.empty(), OptionalInt.empty());
    }

    /**
     * {@code hourlyLimit}: relays per sending domain and UTC hour besides the daily ones; {@code maxRecipients}:
     * recipients outside this server per message. Either may be absent (no such limit).
     */
    public RelayAccount(RelayAccountName name, PasswordHash password, Set<DomainName> domains, int dailyLimit,
                        OptionalInt hourlyLimit, OptionalInt maxRecipients) {
        if (domains.isEmpty()) {
            throw new InvalidSettingException("domains: a relay account needs at least one domain");
        }
        if (dailyLimit < 1 || dailyLimit > MAX_DAILY_LIMIT) {
            throw new InvalidSettingException("dailyLimit must be between 1 and " + MAX_DAILY_LIMIT);
        }
        this.name = Objects.requireNonNull(name);
        this.password = Objects.requireNonNull(password);
        this.domains = new TreeSet<>(domains);
        this.dailyLimit = dailyLimit;
        hourlyLimit.ifPresent(limit -> {
            if (limit < 1 || limit > MAX_DAILY_LIMIT) {
                throw new InvalidSettingException("hourlyLimit must be between 1 and " + MAX_DAILY_LIMIT);
            }
        });
        maxRecipients.ifPresent(limit -> {
            if (limit < 1 || limit > MAX_RECIPIENTS) {
                throw new InvalidSettingException("maxRecipients must be between 1 and " + MAX_RECIPIENTS);
            }
        });
        this.hourlyLimit = hourlyLimit;
        this.maxRecipients = maxRecipients;
    }

    public RelayAccountName name() {
        return name;
    }

    public PasswordHash password() {
        return password;
    }

    /** Its domains, in order. */
    public List<DomainName> domains() {
        return List.copyOf(domains);
    }

    public boolean owns(DomainName domain) {
        return domains.contains(domain);
    }

    /** The domain whose quota pays for mail with no sender domain (a null sender): the first of its domains. */
    public DomainName firstDomain() {
        return domains.first();
    }

    /** The domain the mail of {@code senderDomain} counts against, when the account may send for it. */
    public Optional<DomainName> quotaDomainOf(Optional<DomainName> senderDomain) {
        return senderDomain.isEmpty() ? Optional.of(firstDomain()) : senderDomain.filter(this::owns);
    }

    public int dailyLimit() {
        return dailyLimit;
    }

    /** Relays per sending domain and UTC hour, when limited. */
    public OptionalInt hourlyLimit() {
        return hourlyLimit;
    }

    /** Recipients outside this server per message, when limited. */
    public OptionalInt maxRecipients() {
        return maxRecipients;
    }

    public RelayAccount withPassword(PasswordHash newPassword) {
        return new RelayAccount(name, newPassword, domains, dailyLimit, hourlyLimit, maxRecipients);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RelayAccount)) {
            return false;
        }
        RelayAccount other = (RelayAccount) o;
        return name.equals(other.name) && password.encoded().equals(other.password.encoded())
            && domains.equals(other.domains) && dailyLimit == other.dailyLimit
            && hourlyLimit.equals(other.hourlyLimit) && maxRecipients.equals(other.maxRecipients);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, domains, dailyLimit, hourlyLimit, maxRecipients);
    }

    @Override
    public String toString() {
        return "RelayAccount{" + name + ", domains=" + domains + ", dailyLimit=" + dailyLimit
            + hourlyLimit.stream().mapToObj(limit -> ", hourlyLimit=" + limit).findFirst().orElse("")
            + maxRecipients.stream().mapToObj(limit -> ", maxRecipients=" + limit).findFirst().orElse("") + "}";
    }
}
