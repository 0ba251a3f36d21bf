package org.mxsuite.it.support;

import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mxsuite.dns.TestDnsServer;

/**
 * A test class's own DNS server on 127.0.0.1 with the records it needs, and the in-process server wired to it
 * ({@link #server}). Registered as an extension before the server (the server's field is built from it), it is
 * started when the class is loaded and closed after the class's tests.
 */
public final class LoopbackDns implements BeforeEachCallback, AfterAllCallback {
    /** The records of a test's zone, added to the started DNS server. */
    @FunctionalInterface
    public interface Zone {
        void addTo(TestDnsServer dns) throws Exception;
    }

    private final TestDnsServer dns;
    private final String address;
    private final String unavailable;

    private LoopbackDns(TestDnsServer dns, String address, String unavailable) {
        this.dns = dns;
        this.address = address;
        this.unavailable = unavailable;
    }

    /**
     * On port 53, the only port James's own resolver asks (MX lookups of delivery, SPF): binding it needs root, so
     * where it cannot be bound every test of the class is skipped with that reason.
     */
    public static LoopbackDns onPort53(Zone zone) {
        try {
            return new LoopbackDns(filled(TestDnsServer.startOnPort53(), zone), "127.0.0.1:53", null);
        } catch (SocketException e) {
            return new LoopbackDns(null, "127.0.0.1:53", "skipped: a DNS server on 127.0.0.1:53 needs root (" + e.getMessage() + ")");
        }
    }

    /** On a free port, enough for the suite's own DNS client (the SMTP-time checks), which takes a port. */
    public static LoopbackDns onFreePort(Zone zone) {
        try {
            TestDnsServer dns = TestDnsServer.start();
            return new LoopbackDns(filled(dns, zone), dns.address(), null);
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestDnsServer filled(TestDnsServer dns, Zone zone) {
        try {
            zone.addTo(dns);
            return dns;
        } catch (Exception e) {
            dns.close();
            throw new IllegalStateException(e);
        }
    }

    /** The in-process server with these more james-conf/ placeholders, asking this DNS server. */
    public MxSuiteServer server(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("mxsuite.dns.servers", address);
        return new MxSuiteServer(all);
    }

    /** Adds records while the server runs (records a test makes, such as a DKIM key's). */
    public void add(Zone more) throws Exception {
        more.addTo(dns);
    }

    /** Queries received so far. */
    public int queries() {
        return dns.queries();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(unavailable == null, () -> unavailable);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dns != null) {
            dns.close();
        }
    }
}
