package org.mxsuite.domain;

import java.util.Locale;

/**
 * The one form a local part is compared in: unquoted, its quoted pairs undone, lower case. {@code "old"},
 * {@code "o\ld"} and {@code OLD} are the same mailbox to the servers we hand mail to, so a rule written for
 * {@code old} must catch them all (configured local parts never hold quotes or backslashes).
 */
public final class LocalPart {
    private LocalPart() {
    }

    public static String canonical(String localPart) {
        String value = localPart;
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            StringBuilder unquoted = new StringBuilder(value.length());
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length() - 1) {
                    c = value.charAt(++i);
                }
                unquoted.append(c);
            }
            value = unquoted.toString();
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
