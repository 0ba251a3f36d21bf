package org.mxsuite.it.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * An authoritative DNS server for the tests' own zones, over UDP on 127.0.0.1:53 (James's resolver only speaks
 * to port 53, so this needs root). Names it does not know are NXDOMAIN; it never forwards anything.
 */
public final class LoopbackDnsServer implements AutoCloseable {
    private static final int TTL = 60;

    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final DatagramSocket socket;
    private final Thread responder;

    private LoopbackDnsServer(DatagramSocket socket) {
        this.socket = socket;
        this.responder = new Thread(this::serve, "loopback-dns");
        this.responder.setDaemon(true);
        this.responder.start();
    }

    /** @throws SocketException when port 53 cannot be bound (not root, or taken) */
    public static LoopbackDnsServer start() throws SocketException {
        return new LoopbackDnsServer(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53)));
    }

    public LoopbackDnsServer mx(String domain, int preference, String host) throws TextParseException {
        add(new MXRecord(name(domain), DClass.IN, TTL, preference, name(host)));
        return this;
    }

    public LoopbackDnsServer a(String host, String address) throws IOException {
        add(new ARecord(name(host), DClass.IN, TTL, InetAddress.getByName(address)));
        return this;
    }

    private void add(Record record) {
        records.computeIfAbsent(record.getName(), name -> new ArrayList<>()).add(record);
    }

    private static Name name(String value) throws TextParseException {
        return Name.fromString(value.endsWith(".") ? value : value + ".");
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] answer = answer(new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength())));
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
        List<Record> known = records.get(question.getName());
        if (known == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response.toWire();
        }
        known.stream().filter(record -> record.getType() == question.getType())
            .forEach(record -> response.addRecord(record, Section.ANSWER));
        return response.toWire(512);
    }

    @Override
    public void close() {
        socket.close();
    }
}
