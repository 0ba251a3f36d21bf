package org.mxsuite.domain;

/**
 * Control characters (C0: NUL to US, and DEL) in envelope addresses. RFC 5321 allows none, not even quoted, yet
 * James's parser takes a quoted pair such as backslash-CR: a next hop that treats a bare CR as a line end would then
 * read the rest of the address as a command of its own (SMTP smuggling).
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    public static boolean in(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The text with each control character shown as {@code ?}: safe for a log line, a reply or a report. */
    public static String replaced(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(isControl(c) ? '?' : c);
        }
        return out.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }
}
