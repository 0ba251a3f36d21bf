package org.mxsuite.accept.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;

/**
 * The sanity of a message as received (its raw bytes): the header section is read and checked against the rules
 * switched on; the rest is only scanned for bare LF line endings, nothing of it is kept.
 */
public final class MessageSanity {
    /** A header section longer than this is a problem in itself. */
    static final int MAX_HEADER_BYTES = 1024 * 1024;

    private final Set<HeaderRule> rules;

    public MessageSanity(Set<HeaderRule> rules) {
        this.rules = rules.isEmpty() ? EnumSet.noneOf(HeaderRule.class) : EnumSet.copyOf(rules);
    }

    public boolean checksAnything() {
        return !rules.isEmpty();
    }

    /** The first problem found, in words for the SMTP reply; empty when the message is sane. */
    public Optional<String> firstProblem(InputStream message) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int previous = -1;
        int current;
        boolean inHeader = true;
        boolean bareLf = false;
        int lineLength = 0;
        while ((current = message.read()) >= 0) {
            if (current == '\n' && previous != '\r') {
                bareLf = true;
                if (rules.contains(HeaderRule.NO_BARE_LF)) {
                    return Optional.of("message has a bare LF line ending (lines must end in CRLF)");
                }
            }
            if (inHeader) {
                header.write(current);
                if (current == '\n') {
                    if (lineLength == 0 || (lineLength == 1 && previous == '\r')) {
                        inHeader = false;
                    }
                    lineLength = 0;
                } else {
                    lineLength++;
                }
                if (header.size() > MAX_HEADER_BYTES) {
                    return Optional.of("header section is longer than " + MAX_HEADER_BYTES / 1024 + " KiB");
                }
            } else if (bareLf || !rules.contains(HeaderRule.NO_BARE_LF)) {
                break; // nothing more to learn from the body
            }
            previous = current;
        }
        return checkHeader(header.toString(StandardCharsets.UTF_8));
    }

    Optional<String> checkHeader(String header) {
        List<String[]> fields = new ArrayList<>();
        for (String line : header.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break; // end of the header section
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (fields.isEmpty()) {
                    if (rules.contains(HeaderRule.WELL_FORMED)) {
                        return Optional.of("malformed header: the first line is a continuation line");
                    }
                    continue;
                }
                String[] last = fields.get(fields.size() - 1);
                last[1] = last[1] + " " + line.trim();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isFieldName(line.substring(0, colon))) {
                if (rules.contains(HeaderRule.WELL_FORMED)) {
                    return Optional.of("malformed header line: " + shortened(line));
                }
                continue;
            }
            fields.add(new String[] {line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim()});
        }
        List<String> from = values(fields, "from");
        if (rules.contains(HeaderRule.ONE_FROM) && from.size() != 1) {
            return Optional.of(from.isEmpty() ? "message has no From: header" : "message has " + from.size() + " From: headers");
        }
        List<String> date = values(fields, "date");
        if (rules.contains(HeaderRule.ONE_DATE) && date.size() != 1) {
            return Optional.of(date.isEmpty() ? "message has no Date: header" : "message has " + date.size() + " Date: headers");
        }
        if (rules.contains(HeaderRule.VALID_FROM)) {
            for (String value : from) {
                if (!isValidAddressList(value)) {
                    return Optional.of("From: header is not a valid address: " + shortened(value));
                }
            }
        }
        return Optional.empty();
    }

    /** RFC 5322 ftext: printable US-ASCII except ':'. */
    private static boolean isFieldName(String name) {
        return name.chars().allMatch(c -> c >= 33 && c <= 126 && c != ':');
    }

    private static List<String> values(List<String[]> fields, String name) {
        List<String> values = new ArrayList<>();
        for (String[] field : fields) {
            if (field[0].equals(name)) {
                values.add(field[1]);
            }
        }
        return values;
    }

    private static boolean isValidAddressList(String value) {
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(value, true);
            if (addresses.length == 0) {
                return false;
            }
            for (InternetAddress address : addresses) {
                address.validate();
                if (address.isGroup() || address.getAddress() == null || address.getAddress().indexOf('@') <= 0) {
                    return false;
                }
            }
            return true;
        } catch (AddressException e) {
            return false;
        }
    }

    /** Client text echoed in a reply: printable ASCII, one line, not too long. */
    private static String shortened(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
    }
}
