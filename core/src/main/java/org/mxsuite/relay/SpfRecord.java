package org.mxsuite.relay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.mxsuite.domain.InvalidSettingException;

/**
 * An SPF record (RFC 7208) as a list of terms, enough to add this relay to a customer's record: new mechanisms go
 * before the record's final {@code all} (or its {@code redirect=}), which must stay last to keep its meaning.
 */
public final class SpfRecord {
    static final String VERSION = "v=spf1";
    /** Terms that cost a DNS lookup when the record is evaluated (RFC 7208 4.6.4). */
    private static final Set<String> LOOKUP_TERMS = Set.of("include", "a", "mx", "ptr", "exists", "redirect");
    /** RFC 7208 4.6.4: more lookups than this make the record a permanent error for every receiver. */
    public static final int MAX_LOOKUPS = 10;

    private final List<String> terms;

    private SpfRecord(List<String> terms) {
        this.terms = List.copyOf(terms);
    }

    public static SpfRecord parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        List<String> parts = trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
        if (parts.isEmpty() || !parts.get(0).equalsIgnoreCase(VERSION)) {
            throw new InvalidSettingException("'" + text + "' is not an SPF record: it must start with " + VERSION);
        }
        return new SpfRecord(parts.subList(1, parts.size()));
    }

    /** A record for a domain that sends only through us: our mechanisms, then a soft fail for the rest. */
    public static SpfRecord suggested(List<String> mechanisms) {
        List<String> terms = new ArrayList<>(mechanisms);
        terms.add("~all");
        return new SpfRecord(terms);
    }

    /** This record with each of {@code mechanisms} it lacks, placed before its {@code all} or {@code redirect=}. */
    public SpfRecord with(List<String> mechanisms) {
        List<String> merged = new ArrayList<>(terms);
        int position = merged.size();
        for (int i = 0; i < merged.size(); i++) {
            String name = name(merged.get(i));
            if (name.equals("all") || name.equals("redirect")) {
                position = i;
                break;
            }
        }
        for (String mechanism : mechanisms) {
            if (merged.stream().noneMatch(term -> term.equalsIgnoreCase(mechanism))) {
                merged.add(position++, mechanism);
            }
        }
        return new SpfRecord(merged);
    }

    public List<String> terms() {
        return terms;
    }

    /** The domains this record's {@code include:} and {@code redirect=} terms refer to, in order. */
    public List<String> referencedDomains() {
        List<String> domains = new ArrayList<>();
        for (String term : terms) {
            String name = name(term);
            if (name.equals("include") || name.equals("redirect")) {
                domains.add(term.substring(term.indexOf(name.equals("include") ? ':' : '=') + 1));
            }
        }
        return domains;
    }

    /** DNS lookups this record's own terms cost, not counting those of the records it includes. */
    public int ownLookups() {
        return (int) terms.stream().map(SpfRecord::name).filter(LOOKUP_TERMS::contains).count();
    }

    /** The term's mechanism or modifier name, without qualifier or argument: {@code ~all} -> {@code all}. */
    static String name(String term) {
        String bare = term.replaceFirst("^[+?~-]", "");
        int end = bare.length();
        for (char separator : new char[] {':', '=', '/'}) {
            int at = bare.indexOf(separator);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return bare.substring(0, end).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return terms.isEmpty() ? VERSION : VERSION + " " + String.join(" ", terms);
    }
}
