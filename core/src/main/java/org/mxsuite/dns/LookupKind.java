package org.mxsuite.dns;

import java.util.Locale;

/**
 * What a lookup is for. Each kind has its own limit of lookups at once ({@code dns.maxConcurrentLookups}): a flood of
 * lookups that wait on a name server that never answers (a spammer's sender domains, its own reverse zone) uses up
 * the limit of its kind only, and the other checks go on being answered.
 */
public enum LookupKind {
    /** the client's address in DNS blocklists */
    CLIENT_BLOCKLIST,
    /** the MAIL FROM domain in domain blocklists (RHSBL) */
    DOMAIN_BLOCKLIST,
    /** the client's PTR names and their addresses */
    REVERSE_DNS,
    /** the inbound MAIL FROM domain's MX, A and AAAA records */
    SENDER_DOMAIN,
    /** sender verification of mail relayed for relay accounts */
    RELAY_SENDER,
    /** MX records of held mail's destinations */
    DELIVERY,
    /** anything else (SPF records shown over WebAdmin) */
    OTHER;

    /** How logs and replies name it: {@code sender domain}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
