package org.mxsuite.deliver.tls.dane;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * Lookups validated here with DNSSEC (dnsjava's {@link ValidatingResolver}, from the configured trust anchors) over
 * the suite's configured DNS servers, which must pass DNSSEC records (RRSIG, DNSKEY, DS, NSEC/NSEC3) to a query with
 * the DO bit: the servers are trusted to fetch, not to validate.
 */
public final class DnssecResolver {
    /** Kept for an absence without SOA, and for failures. */
    static final Duration NEGATIVE_TTL = Duration.ofMinutes(1);

    private final ValidatingResolver resolver;
    private final Set<Name> anchorZones;

    /**
     * @param trustAnchors DS or DNSKEY records in zone-file format
     * @throws IOException when they cannot be read or hold no DS or DNSKEY
     */
    public DnssecResolver(List<InetSocketAddress> servers, Duration timeout, String trustAnchors) throws IOException {
        List<Resolver> heads = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            SimpleResolver head = new SimpleResolver(server);
            head.setTimeout(timeout.dividedBy(2));
            heads.add(head);
        }
        // even for one server: ExtendedResolver asks again after a lost datagram, which would otherwise hold mail
        ExtendedResolver head = new ExtendedResolver(heads);
        head.setRetries(2);
        head.setTimeout(timeout);
        this.resolver = new ValidatingResolver(head);
        this.anchorZones = anchorZones(trustAnchors);
        resolver.loadTrustAnchors(new ByteArrayInputStream(trustAnchors.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Set<Name> anchorZones(String trustAnchors) throws IOException {
        Set<Name> zones = new LinkedHashSet<>();
        try (Master master = new Master(new ByteArrayInputStream(trustAnchors.getBytes(StandardCharsets.US_ASCII)), Name.root, 0)) {
            Record record;
            while ((record = master.nextRecord()) != null) {
                if (record.getType() == Type.DS || record.getType() == Type.DNSKEY) {
                    zones.add(record.getName());
                }
            }
        }
        if (zones.isEmpty()) {
            throw new IOException("no DS or DNSKEY record among the trust anchors");
        }
        return zones;
    }

    /** The zones of the trust anchors (the root by default). */
    public Set<Name> anchorZones() {
        return anchorZones;
    }

    /** Never throws: a failure is a {@link ValidatedAnswer.Security#FAILED} answer. */
    public ValidatedAnswer lookup(Name name, int type) {
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        } catch (IOException | RuntimeException e) {
            return new ValidatedAnswer(ValidatedAnswer.Security.FAILED, List.of(), NEGATIVE_TTL,
                e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            String reason = validationReason(response);
            // the validator calls a server's own SERVFAIL a response "of subtype UNKNOWN": a failure, not a forgery
            boolean failed = reason.isEmpty() || reason.contains("UNKNOWN");
            return new ValidatedAnswer(failed ? ValidatedAnswer.Security.FAILED : ValidatedAnswer.Security.BOGUS,
                List.of(), NEGATIVE_TTL, failed ? Rcode.string(rcode) : reason);
        }
        List<Record> records = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record.getType() == type) {
                records.add(record);
            }
        }
        ValidatedAnswer.Security security = response.getHeader().getFlag(Flags.AD)
            ? ValidatedAnswer.Security.SECURE : ValidatedAnswer.Security.INSECURE;
        return new ValidatedAnswer(security, records, ttl(response, records), Rcode.string(rcode));
    }

    /** The validator's reason, which it adds to a bogus answer's additional section; empty for other failures. */
    private static String validationReason(Message response) {
        for (Record record : response.getSection(Section.ADDITIONAL)) {
            if (record.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS && record.getType() == Type.TXT) {
                String reason = record.rdataToString().replace("\"", "");
                // the validator appends the whole RRset with its signatures: too long for a queue listing's reply
                int rrset = reason.indexOf(": {");
                return rrset > 0 ? reason.substring(0, rrset) : reason;
            }
        }
        return "";
    }

    private static Duration ttl(Message response, List<Record> records) {
        if (!records.isEmpty()) {
            return Duration.ofSeconds(records.stream().mapToLong(Record::getTTL).min().orElse(0));
        }
        for (Record record : response.getSection(Section.AUTHORITY)) {
            if (record instanceof SOARecord) {
                return Duration.ofSeconds(Math.min(record.getTTL(), ((SOARecord) record).getMinimum()));
            }
        }
        return NEGATIVE_TTL;
    }
}
