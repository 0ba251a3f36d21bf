package org.mxsuite.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A DNSSEC-signed zone for {@link TestDnsServer} (ECDSA P-256, one key as KSK and ZSK): its DNSKEY, an RRSIG on each
 * RRset, an NSEC chain so that an absent name or type is an authenticated denial, and RRSIGs in answers only when the
 * query has the DO bit. {@link #trustAnchor()} is the DS record a validating resolver trusts it by.
 * {@link #badSignature} makes one RRset's signature wrong (a bogus answer). Records can be added while it is served: it
 * is signed again at the next query.
 */
public final class SignedZone {
    public static final int TTL = TestDnsServer.TTL;

    private final Name apex;
    private final KeyPair keys;
    private final DNSKEYRecord key;
    private final Map<Name, Map<Integer, List<Record>>> records = new ConcurrentHashMap<>();
    private final Set<String> badSignatures = ConcurrentHashMap.newKeySet();
    private NavigableMap<Name, Signed> signed;

    /** An owner name's RRsets with their signatures, and its NSEC. */
    private static final class Signed {
        final Map<Integer, List<Record>> rrsets = new TreeMap<>();
        final Map<Integer, RRSIGRecord> signatures = new TreeMap<>();
    }

    private SignedZone(Name apex) {
        this.apex = apex;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        try {
            this.key = new DNSKEYRecord(apex, DClass.IN, TTL, DNSKEYRecord.Flags.ZONE_KEY | DNSKEYRecord.Flags.SEP_KEY,
                DNSKEYRecord.Protocol.DNSSEC, DNSSEC.Algorithm.ECDSAP256SHA256, keys.getPublic());
        } catch (DNSSEC.DNSSECException e) {
            throw new IllegalStateException(e);
        }
        add(key);
        add(new SOARecord(apex, DClass.IN, TTL, name("ns", apex), name("hostmaster", apex), 1, 3600, 600, 86400, TTL));
        add(new NSRecord(apex, DClass.IN, TTL, name("ns", apex)));
    }

    public static SignedZone create(String apex) throws TextParseException {
        return new SignedZone(TestDnsServer.name(apex));
    }

    public Name apex() {
        return apex;
    }

    /** The DS record of the zone's key, in zone-file format: what {@code delivery.dane.trustAnchors} holds. */
    public String trustAnchor() {
        try {
            return new DSRecord(apex, DClass.IN, TTL, DNSSEC.Digest.SHA256, key).toString() + "\n";
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The zone's DNSKEY record, in zone-file format: a trust anchor too. */
    public String trustAnchorKey() {
        return key.toString() + "\n";
    }

    public SignedZone a(String host, String address) throws IOException {
        InetAddress parsed = InetAddress.getByName(address);
        return add(parsed.getAddress().length == 4 ? new ARecord(TestDnsServer.name(host), DClass.IN, TTL, parsed)
            : new AAAARecord(TestDnsServer.name(host), DClass.IN, TTL, parsed));
    }

    public SignedZone mx(String domain, int preference, String host) throws TextParseException {
        return add(new MXRecord(TestDnsServer.name(domain), DClass.IN, TTL, preference, TestDnsServer.name(host)));
    }

    /** A TLSA record at {@code _25._tcp.<host>}. */
    public SignedZone tlsa(String host, int usage, int selector, int matchingType, byte[] data) throws TextParseException {
        return add(new TLSARecord(TestDnsServer.name("_25._tcp." + host), DClass.IN, TTL, usage, selector, matchingType, data));
    }

    /** The RRset of {@code name} and {@code type} gets a signature that does not verify. */
    public SignedZone badSignature(String name, int type) throws TextParseException {
        badSignatures.add(TestDnsServer.name(name) + "/" + type);
        return changed();
    }

    public synchronized SignedZone add(Record record) {
        if (!record.getName().subdomain(apex)) {
            throw new IllegalArgumentException(record.getName() + " is not in " + apex);
        }
        records.computeIfAbsent(record.getName(), owner -> new ConcurrentHashMap<>())
            .computeIfAbsent(record.getType(), type -> new ArrayList<>()).add(record);
        return changed();
    }

    private synchronized SignedZone changed() {
        signed = null;
        return this;
    }

    /** Whether {@code name} is this zone's to answer. */
    boolean holds(Name name) {
        return name.subdomain(apex);
    }

    /** Fills {@code response} (question set, rcode NOERROR) for {@code question}; RRSIGs only when {@code dnssec}. */
    synchronized void answer(Record question, Message response, boolean dnssec) {
        NavigableMap<Name, Signed> zone = signed();
        Name qname = question.getName();
        Signed node = zone.get(qname);
        if (node != null && node.rrsets.containsKey(question.getType())) {
            addRRset(response, Section.ANSWER, node, question.getType(), dnssec);
            return;
        }
        addRRset(response, Section.AUTHORITY, zone.get(apex), Type.SOA, dnssec);
        if (node != null) {
            addRRset(response, Section.AUTHORITY, node, Type.NSEC, dnssec);
            return;
        }
        Map.Entry<Name, Signed> covering = zone.lowerEntry(qname);
        addRRset(response, Section.AUTHORITY, covering.getValue(), Type.NSEC, dnssec);
        if (zone.keySet().stream().anyMatch(owner -> owner.subdomain(qname))) {
            return; // an empty non-terminal: no data, proven by the NSEC that covers it
        }
        response.getHeader().setRcode(Rcode.NXDOMAIN);
        Name encloser = closestEncloser(zone, qname);
        try {
            Map.Entry<Name, Signed> wildcard = zone.lowerEntry(Name.concatenate(Name.fromConstantString("*"), encloser));
            if (!wildcard.getKey().equals(covering.getKey())) {
                addRRset(response, Section.AUTHORITY, wildcard.getValue(), Type.NSEC, dnssec);
            }
        } catch (NameTooLongException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Name closestEncloser(NavigableMap<Name, Signed> zone, Name qname) {
        for (int labels = qname.labels() - 1; labels > 0; labels--) {
            Name ancestor = new Name(qname, qname.labels() - labels);
            if (zone.keySet().stream().anyMatch(owner -> owner.subdomain(ancestor))) {
                return ancestor;
            }
        }
        return Name.root;
    }

    private static void addRRset(Message response, int section, Signed node, int type, boolean dnssec) {
        for (Record record : node.rrsets.get(type)) {
            response.addRecord(record, section);
        }
        if (dnssec) {
            response.addRecord(node.signatures.get(type), section);
        }
    }

    private NavigableMap<Name, Signed> signed() {
        if (signed != null) {
            return signed;
        }
        NavigableMap<Name, Signed> zone = new TreeMap<>();
        records.forEach((owner, rrsets) -> {
            Signed node = new Signed();
            rrsets.forEach((type, list) -> node.rrsets.put(type, List.copyOf(list)));
            zone.put(owner, node);
        });
        // NSEC chain in canonical order (Name's order), the last pointing back to the apex
        List<Name> owners = new ArrayList<>(new TreeSet<>(zone.keySet()));
        for (int index = 0; index < owners.size(); index++) {
            Signed node = zone.get(owners.get(index));
            List<Integer> types = new ArrayList<>(node.rrsets.keySet());
            types.add(Type.NSEC);
            types.add(Type.RRSIG);
            Name next = owners.get((index + 1) % owners.size());
            node.rrsets.put(Type.NSEC, List.of(new NSECRecord(owners.get(index), DClass.IN, TTL, next,
                types.stream().mapToInt(Integer::intValue).toArray())));
        }
        Instant now = Instant.now();
        zone.forEach((owner, node) -> node.rrsets.forEach((type, list) -> node.signatures.put(type, sign(owner, type, list, now))));
        signed = zone;
        return zone;
    }

    private RRSIGRecord sign(Name owner, int type, List<Record> list, Instant now) {
        RRset rrset = new RRset();
        list.forEach(rrset::addRR);
        try {
            RRSIGRecord signature = DNSSEC.sign(rrset, key, keys.getPrivate(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)));
            if (!badSignatures.contains(owner + "/" + type)) {
                return signature;
            }
            byte[] wrong = signature.getSignature();
            wrong[wrong.length / 2] ^= 0x5a;
            return new RRSIGRecord(owner, DClass.IN, signature.getTTL(), type, signature.getAlgorithm(), signature.getOrigTTL(),
                signature.getExpire(), signature.getTimeSigned(), signature.getFootprint(), signature.getSigner(), wrong);
        } catch (DNSSEC.DNSSECException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Name name(String label, Name origin) {
        try {
            return Name.concatenate(Name.fromString(label), origin);
        } catch (TextParseException | NameTooLongException e) {
            throw new IllegalStateException(e);
        }
    }
}
