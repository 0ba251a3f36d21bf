package org.mxsuite.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.config.SuiteProperties;

/**
 * The {@code relay.*} keys of {@code mxsuite.properties}: the daily limit of mailbox users' domains (relay accounts
 * carry their own), whether senders are verified in DNS, and what customers add to their SPF record for this relay
 * ({@code relay.spf.include}, a host name publishing our SPF record, or else {@code relay.spf.addresses}), and how
 * many relay accounts' password checks run at once ({@code relay.maxConcurrentPasswordChecks}).
 */
public final class RelaySettings {
    /** A DNS name as SPF records use them: underscores allowed ({@code _spf.example.net}). */
    private static final Pattern SPF_NAME = Pattern.compile("([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

    private final int mailboxDailyLimit;
    private final boolean verifySenders;
    private final Optional<String> spfInclude;
    private final List<Cidr> spfAddresses;
    private final int maxConcurrentPasswordChecks;

    public RelaySettings(int mailboxDailyLimit, boolean verifySenders, Optional<String> spfInclude, List<Cidr> spfAddresses) {
        this(mailboxDailyLimit, verifySenders, spfInclude, spfAddresses, PasswordChecks.defaultLimit());
    }

    public RelaySettings(int mailboxDailyLimit, boolean verifySenders, Optional<String> spfInclude, List<Cidr> spfAddresses,
                         int maxConcurrentPasswordChecks) {
        if (maxConcurrentPasswordChecks < 1) {
            throw new InvalidSettingException("relay.maxConcurrentPasswordChecks must be at least 1, not " + maxConcurrentPasswordChecks);
        }
        this.maxConcurrentPasswordChecks = maxConcurrentPasswordChecks;
        if (mailboxDailyLimit < 1 || mailboxDailyLimit > RelayAccount.MAX_DAILY_LIMIT) {
            throw new InvalidSettingException("relay.dailyLimit must be between 1 and " + RelayAccount.MAX_DAILY_LIMIT);
        }
        this.mailboxDailyLimit = mailboxDailyLimit;
        this.verifySenders = verifySenders;
        spfInclude.filter(name -> !SPF_NAME.matcher(name).matches()).ifPresent(name -> {
            throw new InvalidSettingException("relay.spf.include '" + name + "' is not a DNS name");
        });
        this.spfInclude = spfInclude;
        this.spfAddresses = List.copyOf(spfAddresses);
    }

    public static RelaySettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        List<Cidr> addresses = new ArrayList<>();
        for (String address : String.join(",", configuration.getStringArray("relay.spf.addresses")).split("[,\\s]+")) {
            if (!address.isBlank()) {
                addresses.add(Cidr.parse(address));
            }
        }
        String include = configuration.getString("relay.spf.include");
        return new RelaySettings(
            configuration.getInt("relay.dailyLimit"),
            configuration.getBoolean("relay.verifySenders"),
            include == null || include.isBlank() ? Optional.empty() : Optional.of(include.trim().toLowerCase(Locale.ROOT)),
            addresses,
            passwordChecks(configuration.getString("relay.maxConcurrentPasswordChecks")));
    }

    private static int passwordChecks(String value) {
        if (value == null || value.isBlank()) {
            return PasswordChecks.defaultLimit();
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException("relay.maxConcurrentPasswordChecks '" + value + "' is not a number");
        }
    }

    /** Relay accounts' password checks running at once, at most. */
    public int maxConcurrentPasswordChecks() {
        return maxConcurrentPasswordChecks;
    }

    /** The daily limit of a domain whose mail is sent by its mailbox users. */
    public int mailboxDailyLimit() {
        return mailboxDailyLimit;
    }

    public boolean verifySenders() {
        return verifySenders;
    }

    /**
     * The SPF mechanisms that authorise this relay: {@code include:} of the configured name, else one {@code ip4:} or
     * {@code ip6:} per configured address; empty when neither is configured.
     */
    public List<String> spfMechanisms() {
        if (spfInclude.isPresent()) {
            return List.of("include:" + spfInclude.get());
        }
        List<String> mechanisms = new ArrayList<>();
        for (Cidr address : spfAddresses) {
            // a single host is written without its prefix length, as SPF records usually are
            boolean host = address.prefix() == (address.isIpv4() ? 32 : 128);
            String text = address.toString();
            mechanisms.add((address.isIpv4() ? "ip4:" : "ip6:") + (host ? text.substring(0, text.indexOf('/')) : text));
        }
        return mechanisms;
    }
}
