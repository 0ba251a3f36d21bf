package org.mxsuite.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * A small authoritative DNS server for the tests' own zones, over UDP on a loopback address. Names it does not know
 * are NXDOMAIN; it never forwards anything. Zones given to {@link #signed} are served DNSSEC-signed. Names can be made to fail ({@link #servfail}) or to stay silent
 * ({@link #silent}, so the client times out). {@link #start()} takes a free port (for the suite's own resolver,
 * {@code mxsuite.dns.servers}); {@link #startOnPort53()} serves James's resolver, which only speaks to port 53
 * (that needs root).
 */
public final class TestDnsServer implements AutoCloseable {
    public static final int TTL = 60;

    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<Name> failing = ConcurrentHashMap.newKeySet();
    private final Set<Name> silent = ConcurrentHashMap.newKeySet();
    private final Set<Name> dropOnce = ConcurrentHashMap.newKeySet();
    private final List<SignedZone> signedZones = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final DatagramSocket socket;
    private final Thread responder;

    private TestDnsServer(DatagramSocket socket) {
        this.socket = socket;
        this.responder = new Thread(this::serve, "test-dns");
        this.responder.setDaemon(true);
        this.responder.start();
    }

    /** On 127.0.0.1, a free port. */
    public static TestDnsServer start() throws SocketException {
        return new TestDnsServer(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    /** @throws SocketException when port 53 cannot be bound (not root, or taken) */
    public static TestDnsServer startOnPort53() throws SocketException {
        return new TestDnsServer(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53)));
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}, the form of {@code mxsuite.dns.servers}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Queries received so far. */
    public int queries() {
        return queries.get();
    }

    public TestDnsServer mx(String domain, int preference, String host) throws TextParseException {
        return add(new MXRecord(name(domain), DClass.IN, TTL, preference, name(host)));
    }

    public TestDnsServer a(String host, String address) throws IOException {
        InetAddress parsed = InetAddress.getByName(address);
        return add(parsed.getAddress().length == 4 ? new ARecord(name(host), DClass.IN, TTL, parsed)
            : new AAAARecord(name(host), DClass.IN, TTL, parsed));
    }

    /** A TXT record; text longer than a DNS string (255 bytes) is split into several, as DNS providers do (DKIM keys). */
    public TestDnsServer txt(String name, String text) throws TextParseException {
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < text.length() || strings.isEmpty(); start += 255) {
            strings.add(text.substring(start, Math.min(text.length(), start + 255)));
        }
        return add(new TXTRecord(name(name), DClass.IN, TTL, strings));
    }

    public TestDnsServer cname(String name, String target) throws TextParseException {
        return add(new CNAMERecord(name(name), DClass.IN, TTL, name(target)));
    }

    /** A PTR record for {@code address}, pointing to {@code host}. */
    public TestDnsServer ptr(String address, String host) throws IOException {
        return add(new PTRRecord(ReverseMap.fromAddress(InetAddress.getByName(address)), DClass.IN, TTL, name(host)));
    }

    /** Answers SERVFAIL for {@code name}, whatever the type. */
    public TestDnsServer servfail(String name) throws TextParseException {
        failing.add(name(name));
        return this;
    }

    /** Never answers for {@code name}: the client times out. */
    public TestDnsServer silent(String name) throws TextParseException {
        silent.add(name(name));
        return this;
    }

    /** Ignores the next query for {@code name}, as if the datagram were lost, then answers again. */
    public TestDnsServer dropOnce(String name) throws TextParseException {
        dropOnce.add(name(name));
        return this;
    }

    /** Serves {@code zone} signed: every name under its apex is answered from it (RRSIGs to queries with the DO bit). */
    public TestDnsServer signed(SignedZone zone) {
        signedZones.add(zone);
        return this;
    }

    public TestDnsServer add(Record record) {
        records.computeIfAbsent(record.getName(), name -> new ArrayList<>()).add(record);
        return this;
    }

    /** Removes every record of {@code name} (a record that changes: remove, then add the new one). */
    public TestDnsServer remove(String name) throws TextParseException {
        records.remove(name(name));
        return this;
    }

    public static Name name(String value) throws TextParseException {
        return Name.fromString(value.endsWith(".") ? value : value + ".");
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                queries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                if (query.getQuestion() != null && (silent.contains(query.getQuestion().getName())
                    || dropOnce.remove(query.getQuestion().getName()))) {
                    continue;
                }
                byte[] answer = answer(query);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // a closed socket ends the loop; a malformed query is dropped
            }
        }
    }

    private byte[] answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response.toWire();
        }
        response.addRecord(question, Section.QUESTION);
        if (failing.contains(question.getName())) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response.toWire();
        }
        OPTRecord edns = query.getOPT();
        for (SignedZone zone : signedZones) {
            if (zone.holds(question.getName())) {
                boolean dnssec = edns != null && (edns.getFlags() & ExtendedFlags.DO) != 0;
                zone.answer(question, response, dnssec);
                // EDNS (RFC 6891): signed answers exceed 512 bytes; the client says how much it takes
                int size = edns == null ? 512 : Math.max(512, Math.min(edns.getPayloadSize(), 4096));
                if (edns != null) {
                    response.addRecord(new OPTRecord(size, 0, 0, dnssec ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
                }
                return response.toWire(size);
            }
        }
        List<Record> known = records.get(question.getName());
        if (known == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response.toWire();
        }
        known.stream().filter(record -> record.getType() == question.getType() || record instanceof CNAMERecord)
            .forEach(record -> response.addRecord(record, Section.ANSWER));
        return response.toWire(512);
    }

    @Override
    public void close() {
        socket.close();
    }
}
