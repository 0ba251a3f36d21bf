package org.mxsuite.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The policy hosts of MTA-STS test domains: one HTTPS server on 127.0.0.1:443 (the only port a policy is fetched
 * from, so binding it needs root) answering for every {@code mta-sts.<domain>} by its Host header, with a certificate
 * the test gives (one for all the names). A domain's host can be made to fail (503) as if it were down.
 */
public final class MtaStsPolicyServer implements AutoCloseable {
    private static final String PATH = "/.well-known/mta-sts.txt";

    private final HttpsServer server;
    private final Map<String, String> policies = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private MtaStsPolicyServer(HttpsServer server) {
        this.server = server;
    }

    /** @throws IOException when 127.0.0.1:443 cannot be bound (not root, or taken) */
    public static MtaStsPolicyServer onPort443(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 443), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "mta-sts-policy-host");
            thread.setDaemon(true);
            return thread;
        }));
        MtaStsPolicyServer policies = new MtaStsPolicyServer(server);
        server.createContext("/", policies::answer);
        server.start();
        return policies;
    }

    /** Serves {@code policy} as the policy of {@code domain} (and answers again after {@link #fail}). */
    public MtaStsPolicyServer serve(String domain, String policy) {
        policies.put("mta-sts." + domain, policy);
        failing.remove("mta-sts." + domain);
        return this;
    }

    /** The domain's policy host answers 503 from now on. */
    public MtaStsPolicyServer fail(String domain) {
        failing.add("mta-sts." + domain);
        return this;
    }

    /** Requests for the domain's policy so far. */
    public int requests(String domain) {
        return requests.getOrDefault("mta-sts." + domain, new AtomicInteger()).get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host")).replaceAll(":[0-9]+$", "")
                .toLowerCase(Locale.ROOT);
            requests.computeIfAbsent(host, name -> new AtomicInteger()).incrementAndGet();
            String policy = policies.get(host);
            if (failing.contains(host)) {
                exchange.sendResponseHeaders(503, -1);
            } else if (policy == null || !PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = policy.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
