package org.mxsuite.dnsbl;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;

/**
 * One blocklist (or allow-list) zone as postscreen writes it: {@code zone[=pattern][*weight]}, e.g.
 * {@code zen.spamhaus.org=127.0.0.[2..11]*3} or {@code list.dnswl.org=127.0.[0..255].[1..3]*-5}. Without a pattern
 * any listing counts; without a weight it is 1. A negative weight makes it an allow-list.
 */
public final class BlocklistSite {
    private final String zone;
    private final Optional<AnswerPattern> pattern;
    private final int weight;

    public BlocklistSite(String zone, Optional<AnswerPattern> pattern, int weight) {
        this.zone = zone;
        this.pattern = pattern;
        this.weight = weight;
    }

    public static BlocklistSite parse(String text) {
        String rest = text.trim();
        int weight = 1;
        int star = rest.lastIndexOf('*');
        if (star >= 0) {
            String digits = rest.substring(star + 1);
            if (!digits.matches("-?[0-9]{1,6}")) {
                throw new InvalidSettingException("blocklist site '" + text + "': the weight after * must be a whole number");
            }
            weight = Integer.parseInt(digits);
            rest = rest.substring(0, star);
        }
        Optional<AnswerPattern> pattern = Optional.empty();
        int equals = rest.indexOf('=');
        if (equals >= 0) {
            pattern = Optional.of(AnswerPattern.parse(rest.substring(equals + 1)));
            rest = rest.substring(0, equals);
        }
        String zone;
        try {
            zone = DomainName.of(rest).asString();
        } catch (InvalidSettingException e) {
            throw new InvalidSettingException("blocklist site '" + text + "': '" + rest + "' is not a DNS zone");
        }
        return new BlocklistSite(zone.toLowerCase(Locale.ROOT), pattern, weight);
    }

    public String zone() {
        return zone;
    }

    public Optional<AnswerPattern> pattern() {
        return pattern;
    }

    public int weight() {
        return weight;
    }

    /** Whether this answer (an address in 127.0.0.0/8 that is not an error code) counts for this site. */
    public boolean counts(InetAddress answer) {
        return pattern.map(p -> p.matches(answer)).orElse(true);
    }

    @Override
    public String toString() {
        return zone + pattern.map(p -> "=" + p).orElse("") + (weight == 1 ? "" : "*" + weight);
    }
}
