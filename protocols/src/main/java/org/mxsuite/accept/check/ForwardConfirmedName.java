package org.mxsuite.accept.check;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.inject.Inject;

import org.mxsuite.dns.DnsAnswer;
import org.mxsuite.dns.DnsResolver;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A client's forward-confirmed reverse DNS name: a PTR name of its address that resolves back to that address. A bare
 * PTR proves nothing (whoever owns the address writes it), so host-name rules only ever see confirmed names. Loopback
 * addresses are named as the system names them (the hosts file), as the issue of the checks asks.
 */
public final class ForwardConfirmedName {
    private static final long WAIT_SECONDS = 10;

    private final DnsResolver dns;

    @Inject
    public ForwardConfirmedName(DnsResolver dns) {
        this.dns = dns;
    }

    /** The confirmed name, lower-case without the final dot; empty when there is none or DNS did not say. */
    public Optional<String> of(InetAddress client) {
        if (client.isLoopbackAddress()) {
            String name = client.getCanonicalHostName();
            return name.equals(client.getHostAddress()) ? Optional.empty() : Optional.of(name.toLowerCase(Locale.ROOT));
        }
        try {
            DnsAnswer pointers = dns.lookup(DnsResolver.reverseName(client), Type.PTR).get(WAIT_SECONDS, TimeUnit.SECONDS);
            for (Record record : pointers.records()) {
                String name = ((PTRRecord) record).getTarget().toString(true).toLowerCase(Locale.ROOT);
                int type = client.getAddress().length == 4 ? Type.A : Type.AAAA;
                DnsAnswer forward = dns.lookup(name, type).get(WAIT_SECONDS, TimeUnit.SECONDS);
                for (String address : forward.addresses()) {
                    if (InetAddress.getByName(address).equals(client)) {
                        return Optional.of(name);
                    }
                }
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }
}
