package org.mxsuite.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a text is an IP address as written, read here rather than by {@code InetAddress.getByName}, which looks
 * up in DNS whatever is not a literal (a setting such as {@code 1.2.3.256} would become a query).
 */
public final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9a-f]{1,4}");

    private IpLiteral() {
    }

    /** Shaped as four dot-separated numbers, whatever their values: an address or a mistake, never a host name. */
    static boolean looksLikeIpv4(String text) {
        return IPV4.matcher(text).matches();
    }

    /** Four decimal octets, 0 to 255. */
    public static boolean isIpv4(String text) {
        Matcher ipv4 = IPV4.matcher(text);
        if (!ipv4.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(ipv4.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 4291 2.2: eight groups of one to four hex digits, one run of them written {@code ::}, the last two possibly
     * as an IPv4 address.
     */
    public static boolean isIpv6(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int shortened = lower.indexOf("::");
        if (shortened >= 0 && lower.indexOf("::", shortened + 1) >= 0) {
            return false;
        }
        List<String> groups = new ArrayList<>(groupsOf(shortened < 0 ? lower : lower.substring(0, shortened)));
        if (shortened >= 0) {
            groups.addAll(groupsOf(lower.substring(shortened + 2)));
        }
        int width = 0;
        for (int i = 0; i < groups.size(); i++) {
            String group = groups.get(i);
            if (IPV6_GROUP.matcher(group).matches()) {
                width++;
            } else if (i == groups.size() - 1 && !lower.endsWith(":") && isIpv4(group)) {
                width += 2;
            } else {
                return false;
            }
        }
        return shortened < 0 ? width == 8 : width <= 7;
    }

    private static List<String> groupsOf(String part) {
        return part.isEmpty() ? List.of() : Arrays.asList(part.split(":", -1));
    }
}
