package org.mxsuite.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Password checks per second of relay accounts' hash (PBKDF2-HMAC-SHA256, as {@link PasswordHash} computes it) at
 * several iteration counts, on 1 thread and on as many threads as the machine has cores: what a login costs, and how
 * many the whole machine can check in a second. Run by bench/password-hash.sh; see bench/README.md.
 */
public final class PasswordHashBenchmark {
    private PasswordHashBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] counts = args.length > 0 ? parse(args[0]) : new int[] {100_000, 210_000, 310_000, 600_000};
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%d cores (%s, %s)%n", cores, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        // the JIT compiles HMAC-SHA256 only after a while, later still on a loaded machine: warmed up first
        run(PasswordHash.of("a long secret", 10_000), cores, Math.max(5, seconds));
        System.out.println("| iterations | one check (ms), 1 thread | checks/s, 1 thread | checks/s, " + cores + " threads |");
        System.out.println("|---:|---:|---:|---:|");
        for (int iterations : counts) {
            PasswordHash hash = PasswordHash.of("a long secret", iterations);
            double single = run(hash, 1, seconds);
            double all = run(hash, cores, seconds);
            System.out.printf(Locale.ROOT, "| %,d | %.1f | %.1f | %.1f |%n", iterations, 1000 / single, single, all);
        }
    }

    /** Checks per second of a wrong password (the attacker's case) by {@code threads} threads for about {@code seconds}. */
    private static double run(PasswordHash hash, int threads, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            List<Future<Integer>> checks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                checks.add(pool.submit(() -> {
                    int done = 0;
                    do {
                        hash.matches("a wrong guess");
                        done++;
                    } while (System.nanoTime() < end);
                    return done;
                }));
            }
            int total = 0;
            for (Future<Integer> check : checks) {
                total += check.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static int[] parse(String list) {
        String[] parts = list.split(",");
        int[] counts = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            counts[i] = Integer.parseInt(parts[i].trim().replace("_", ""));
        }
        return counts;
    }
}
