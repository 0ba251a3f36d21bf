package org.mxsuite.deliver.tls.mtasts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.mxsuite.dns.DnsAnswer;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.LookupKind;
import org.mxsuite.net.Deadline;
import org.xbill.DNS.Type;

/**
 * Fetches a policy file over HTTPS: the policy host's addresses (A and AAAA) from the suite's DNS client, as every
 * other delivery lookup is, and not the JVM's resolver; a certificate valid for {@code mta-sts.<domain>} under the
 * given trust anchors, with SNI; one HTTP/1.1 GET, no redirect followed; all within one time limit, which also bounds a
 * server that trickles its answer.
 */
public final class HttpsPolicyFetcher implements PolicyFetcher {
    static final String PATH = "/.well-known/mta-sts.txt";

    private final DnsResolver dns;
    private final SSLContext tls;
    private final Duration timeout;
    private final int port;

    public HttpsPolicyFetcher(DnsResolver dns, SSLContext tls, Duration timeout) {
        this(dns, tls, timeout, 443);
    }

    /** On another port than 443: for tests, which cannot always bind it. */
    HttpsPolicyFetcher(DnsResolver dns, SSLContext tls, Duration timeout, int port) {
        this.dns = dns;
        this.tls = tls;
        this.timeout = timeout;
        this.port = port;
    }

    @Override
    public String fetch(String domain) throws PolicyFetchFailed {
        String host = "mta-sts." + domain;
        String url = "https://" + host + PATH;
        Deadline deadline = Deadline.after(timeout);
        List<InetAddress> addresses = addresses(host, deadline);
        if (addresses.isEmpty()) {
            throw new PolicyFetchFailed(host + " has no address");
        }
        String failures = "";
        for (InetAddress address : addresses) {
            if (deadline.isPast()) {
                break;
            }
            try {
                return fetchFrom(address, host, url, deadline);
            } catch (IOException e) {
                failures += (failures.isEmpty() ? "" : "; ") + address.getHostAddress() + ": " + e.getMessage();
            }
        }
        throw new PolicyFetchFailed("cannot fetch " + url + " within " + timeout.getSeconds() + "s (" + failures + ")");
    }

    private List<InetAddress> addresses(String host, Deadline deadline) {
        CompletableFuture<DnsAnswer> v4 = dns.lookup(host, Type.A, LookupKind.DELIVERY, deadline);
        CompletableFuture<DnsAnswer> v6 = dns.lookup(host, Type.AAAA, LookupKind.DELIVERY, deadline);
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : concat(v4.join().addresses(), v6.join().addresses())) {
            try {
                // a literal: parsed, never looked up
                addresses.add(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                // not an address after all: skipped
            }
        }
        return addresses;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private String fetchFrom(InetAddress address, String host, String url, Deadline deadline) throws IOException, PolicyFetchFailed {
        Socket raw = new Socket();
        // the TCP socket is watched: closing it unblocks a handshake or read that would wait for ever
        try (raw; Deadline.Watch watch = deadline.watch(raw)) {
            try {
                raw.connect(new InetSocketAddress(address, port), (int) Math.max(1, deadline.remaining().toMillis()));
                SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(host)));
                // the JDK's HTTPS name check (RFC 2818) against mta-sts.<domain>, after the PKIX checks of the context
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + PATH + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/plain\r\n"
                    + "User-Agent: MX Suite MTA-STS\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return PolicyResponse.body(socket.getInputStream(), url);
            } catch (IOException e) {
                throw watch.reason(e);
            }
        }
    }
}
