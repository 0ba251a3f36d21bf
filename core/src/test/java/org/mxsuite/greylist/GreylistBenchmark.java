package org.mxsuite.greylist;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mxsuite.testing.MutableClock;

import org.mxsuite.state.PostgresStateStoreExtension;
import org.mxsuite.state.StateStore;

/**
 * Greylisting decisions per second and their latency, on H2 or PostgreSQL (bench/greylist-decisions.sh runs it).
 * Phases, each over the same TRIPLETS triplets from THREADS threads at once:
 * new (first sight: a read and an insert), retried (a pass: a read and two updates), known (passed, this node's
 * memory: no database), known-other-node (passed, decided by a node that has not seen them: one read).
 */
public final class GreylistBenchmark {
    private GreylistBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "h2";
        int triplets = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path h2 = Files.createTempDirectory("greylist-bench");
        String schema = "greylist_bench_" + System.nanoTime();
        StateStore store = "postgresql".equals(backend)
            ? StateStore.openPostgresql(PostgresStateStoreExtension.URL, PostgresStateStoreExtension.USER,
                PostgresStateStoreExtension.PASSWORD, schema, threads + 2)
            : StateStore.openH2(h2.resolve("state").toFile(), threads + 2);
        try {
            MutableClock clock = new MutableClock(Instant.now());
            GreylistSettings settings = GreylistSettings.defaults();
            Greylist node = new Greylist(new JdbcGreylistStore(store), settings, clock);
            List<Request> requests = requests(triplets);
            System.out.printf("greylisting benchmark: %s, %d triplets, %d threads, %d cores%n", backend, triplets, threads,
                Runtime.getRuntime().availableProcessors());
            System.out.printf("%-18s %12s %10s %10s %10s%n", "phase", "decisions/s", "p50 (ms)", "p99 (ms)", "max (ms)");
            run("warm-up", node, requests.subList(0, Math.min(2000, triplets / 10)), threads, false);
            run("new", node, requests, threads, true);
            clock.advance(settings.delay().plusSeconds(1));
            run("retried", node, requests, threads, true);
            run("known", node, requests, threads, true);
            run("known", node, requests, threads, true);
            run("known-other-node", new Greylist(new JdbcGreylistStore(store), settings, clock), requests, threads, true);
        } finally {
            store.close();
            if ("postgresql".equals(backend)) {
                PostgresStateStoreExtension.dropSchema(schema);
            }
        }
    }

    private static final class Request {
        final InetAddress client;
        final MaybeSender sender;
        final MailAddress recipient;

        Request(InetAddress client, MaybeSender sender, MailAddress recipient) {
            this.client = client;
            this.sender = sender;
            this.recipient = recipient;
        }
    }

    /** Triplets from many networks (4 per /24, below auto-allow), senders and recipients. */
    private static List<Request> requests(int count) throws Exception {
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int network = i / 4;
            InetAddress client = InetAddress.getByAddress(new byte[] {10, (byte) (network >> 8), (byte) network, (byte) (1 + i % 4)});
            requests.add(new Request(client, MaybeSender.of(new MailAddress("sender" + i + "@sender" + (i % 97) + ".example")),
                new MailAddress("user" + (i % 1000) + "@hosted" + (i % 13) + ".example")));
        }
        return requests;
    }

    private static void run(String phase, Greylist greylist, List<Request> requests, int threads, boolean report) throws Exception {
        long[] latencies = new long[requests.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests.size()) {
                    Request request = requests.get(i);
                    long before = System.nanoTime();
                    greylist.decide(request.client, Optional::empty, request.sender, request.recipient);
                    latencies[i] = System.nanoTime() - before;
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdown();
        if (report) {
            Arrays.sort(latencies);
            System.out.printf("%-18s %12.0f %10.3f %10.3f %10.3f%n", phase, requests.size() / (elapsed.toNanos() / 1e9),
                latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6,
                latencies[latencies.length - 1] / 1e6);
        }
    }
}
