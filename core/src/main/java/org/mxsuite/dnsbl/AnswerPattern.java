package org.mxsuite.dnsbl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.mxsuite.domain.InvalidSettingException;

/**
 * The answers of a blocklist that count, in postscreen's syntax: four octets, each a number, a range {@code [a..b]}
 * or a list {@code [a;b;c..d]}, e.g. {@code 127.0.0.[2..11]} or {@code 127.0.[0..255].[1..3]}.
 */
public final class AnswerPattern {
    private final List<BitSet> octets;
    private final String text;

    private AnswerPattern(List<BitSet> octets, String text) {
        this.octets = octets;
        this.text = text;
    }

    public static AnswerPattern parse(String text) {
        List<String> parts = split(text);
        if (parts.size() != 4) {
            throw invalid(text, "four octets are needed");
        }
        List<BitSet> octets = new ArrayList<>();
        for (String part : parts) {
            octets.add(octet(text, part));
        }
        return new AnswerPattern(octets, text);
    }

    /** Splits on the dots outside brackets ({@code [1..3]} holds dots of its own). */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == '.' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static BitSet octet(String text, String part) {
        BitSet values = new BitSet(256);
        if (part.startsWith("[") && part.endsWith("]") && part.length() > 2) {
            for (String item : part.substring(1, part.length() - 1).split(";", -1)) {
                int range = item.indexOf("..");
                if (range >= 0) {
                    int from = number(text, item.substring(0, range));
                    int to = number(text, item.substring(range + 2));
                    if (from > to) {
                        throw invalid(text, "range " + item + " goes backwards");
                    }
                    values.set(from, to + 1);
                } else {
                    values.set(number(text, item));
                }
            }
        } else {
            values.set(number(text, part));
        }
        return values;
    }

    private static int number(String text, String digits) {
        if (!digits.matches("[0-9]{1,3}") || Integer.parseInt(digits) > 255) {
            throw invalid(text, "'" + digits + "' is not an octet (0 to 255)");
        }
        return Integer.parseInt(digits);
    }

    private static InvalidSettingException invalid(String text, String why) {
        return new InvalidSettingException("blocklist answer pattern '" + text + "': " + why
            + " (e.g. 127.0.0.[2..11] or 127.0.[0..255].[1;3])");
    }

    public boolean matches(InetAddress answer) {
        if (!(answer instanceof Inet4Address)) {
            return false;
        }
        byte[] bytes = answer.getAddress();
        for (int i = 0; i < 4; i++) {
            if (!octets.get(i).get(bytes[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
