package org.mxsuite.greylist;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;

/** The greylisting allow lists, by the name they have in the REST paths and in mxsuite.properties. */
public enum AllowList {
    /** client networks (CIDR) */
    CLIENTS("clients"),
    /** client host-name suffixes, checked on the forward-confirmed reverse DNS name */
    CLIENT_NAMES("clientNames"),
    /** envelope sender domains (and their subdomains) */
    SENDER_DOMAINS("senderDomains"),
    /** recipients that opt out (full addresses) */
    RECIPIENTS("recipients");

    private final String wireName;

    AllowList(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AllowList> parse(String name) {
        return Arrays.stream(values()).filter(list -> list.wireName.equals(name)).findFirst();
    }

    /** The list of that name; another name is refused with the names there are. */
    public static AllowList named(String name) {
        return parse(name).orElseThrow(() -> new InvalidSettingException("no allow list '" + name + "' (lists: "
            + Arrays.stream(values()).map(AllowList::wireName).collect(Collectors.joining(", ")) + ")"));
    }

    /** The canonical form of an entry of this list; an entry that is not of its kind is refused. */
    public String canonical(String raw) {
        String value = raw == null ? "" : raw.trim();
        switch (this) {
            case CLIENTS:
                return Cidr.parse(value).toString();
            case CLIENT_NAMES:
            case SENDER_DOMAINS:
                String name = value.startsWith(".") ? value.substring(1) : value;
                return DomainName.of(name).asString();
            case RECIPIENTS:
            default:
                int at = value.lastIndexOf('@');
                if (at <= 0 || at == value.length() - 1 || value.indexOf(' ') >= 0) {
                    throw new InvalidSettingException("'" + raw + "' is not an email address");
                }
                return value.substring(0, at).toLowerCase(Locale.ROOT) + "@" + DomainName.of(value.substring(at + 1)).asString();
        }
    }
}
