package org.mxsuite.domain;

/** The SMTP-time checks that guard a hosted domain, each switchable per domain under its JSON field name. */
public enum InboundCheck {
    GREYLISTING("greylisting"),
    DNSBL("dnsbl"),
    REVERSE_DNS("reverseDns"),
    SENDER_DOMAIN("senderDomain"),
    HEADER_CHECKS("headerChecks"),
    VIRUS_SCAN("virusScan"),
    SPAM_SCAN("spamScan");

    private final String field;

    InboundCheck(String field) {
        this.field = field;
    }

    /** The field of {@code /hosted-domains/{domain}} that switches it. */
    public String field() {
        return field;
    }
}
