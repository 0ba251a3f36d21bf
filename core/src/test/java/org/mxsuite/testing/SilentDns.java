package org.mxsuite.testing;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.mxsuite.dns.DnsResolver;

/** The suite's DNS client aimed where nothing answers: for what needs a resolver but must not look anything up. */
public final class SilentDns {
    private SilentDns() {
    }

    public static DnsResolver resolver(Clock clock) {
        // the discard port of this host: a lookup made by mistake times out quickly, and nothing leaves the machine
        return new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", 9)), Duration.ofMillis(100), Duration.ofHours(1), clock);
    }
}
