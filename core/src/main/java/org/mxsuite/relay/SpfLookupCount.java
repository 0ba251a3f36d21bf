package org.mxsuite.relay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.mxsuite.dns.DnsAnswer;
import org.mxsuite.dns.DnsResolver;
import org.xbill.DNS.Type;

/**
 * How many DNS lookups an SPF record costs a receiver, the records it includes counted too (RFC 7208 4.6.4), their
 * TXT records read through the suite's DNS client. An include that cannot be read counts its own lookup only, and
 * is reported, so the administrator knows the count may be low.
 */
public final class SpfLookupCount {
    private final DnsResolver resolver;

    public SpfLookupCount(DnsResolver resolver) {
        this.resolver = resolver;
    }

    /** The count, and the included domains whose records could not be read. */
    public static final class Result {
        private final int lookups;
        private final List<String> unresolved;

        Result(int lookups, List<String> unresolved) {
            this.lookups = lookups;
            this.unresolved = List.copyOf(unresolved);
        }

        public int lookups() {
            return lookups;
        }

        public List<String> unresolved() {
            return unresolved;
        }
    }

    public Result of(SpfRecord record) {
        List<String> unresolved = new ArrayList<>();
        int lookups = count(record, new HashSet<>(), unresolved);
        return new Result(lookups, unresolved);
    }

    private int count(SpfRecord record, Set<String> seen, List<String> unresolved) {
        int lookups = record.ownLookups();
        for (String domain : record.referencedDomains()) {
            // a loop or more than the limit is already an error: stop reading there
            if (lookups > SpfRecord.MAX_LOOKUPS || !seen.add(domain.toLowerCase(Locale.ROOT))) {
                continue;
            }
            Optional<SpfRecord> included = read(domain);
            if (included.isPresent()) {
                lookups += count(included.get(), seen, unresolved);
            } else {
                unresolved.add(domain);
            }
        }
        return lookups;
    }

    private Optional<SpfRecord> read(String domain) {
        if (domain.contains("%")) {
            return Optional.empty(); // a macro: known only when a message is checked
        }
        DnsAnswer answer = resolver.lookup(domain, Type.TXT).join();
        return answer.texts().stream()
            .filter(text -> text.toLowerCase(Locale.ROOT).startsWith(SpfRecord.VERSION + " ")
                || text.equalsIgnoreCase(SpfRecord.VERSION))
            .findFirst()
            .map(SpfRecord::parse);
    }
}
