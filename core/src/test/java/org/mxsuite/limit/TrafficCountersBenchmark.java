package org.mxsuite.limit;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.TrafficLimit;
import org.mxsuite.domain.TrafficLimits;
import org.mxsuite.state.StateStore;

/**
 * What the counting of a hosted domain's four traffic limits costs one accepted message on the embedded H2 state
 * store, in one thread: the RCPT-time forecast (3 reads), the transaction's count and the message's three counts (a
 * conditional UPDATE and a read each), as the SMTP hooks make them. Arguments: messages to time (default 20000).
 * Run with the core module's test classpath (see bench/README.md).
 */
public final class TrafficCountersBenchmark {
    private TrafficCountersBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        File directory = Files.createTempDirectory("mxsuite-bench-h2").toFile();
        StateStore store = StateStore.openH2(new File(directory, "state"), 4);
        try {
            TrafficCounters counters = new TrafficCounters(new JdbcCounterStore(store), Clock.systemUTC());
            DomainName domain = DomainName.of("bench.example");
            TrafficLimits limits = TrafficLimits.NONE;
            for (TrafficLimit limit : TrafficLimit.values()) {
                limits = limits.with(limit, OptionalLong.of(limit.max()));
            }
            count(counters, limits, domain, messages / 4); // the JIT first
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            count(counters, limits, domain, messages);
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / messages;
            double wall = (System.nanoTime() - wall0) / 1e3 / messages;
            System.out.printf(Locale.ROOT, "%d messages: %.0f us CPU (this thread), %.0f us elapsed per message%n", messages, cpu, wall);
        } finally {
            store.close();
        }
    }

    private static void count(TrafficCounters counters, TrafficLimits limits, DomainName domain, int messages) {
        List<Charge> perTransaction = limits.charges(domain, TrafficLimit.PER_TRANSACTION, 0);
        List<Charge> perMessage = limits.charges(domain, TrafficLimit.PER_MESSAGE, 10_240);
        for (int i = 0; i < messages; i++) {
            if (counters.check(perMessage).isPresent() || counters.take(perTransaction).isPresent() || counters.take(perMessage).isPresent()) {
                throw new IllegalStateException("a limit was reached: the benchmark's limits are the largest allowed");
            }
        }
    }
}
