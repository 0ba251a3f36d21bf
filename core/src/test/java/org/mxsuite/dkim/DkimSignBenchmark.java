package org.mxsuite.dkim;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.mxsuite.domain.DomainName;

/**
 * DKIM signatures per second of 10 KB messages on one thread, RSA 2048, Ed25519 and both, with the thread's CPU time
 * per message (robust to a loaded machine). Run by bench/dkim-sign.sh; see bench/README.md.
 */
public final class DkimSignBenchmark {
    private DkimSignBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 10_240;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        DomainName domain = DomainName.of("shop.example.net");
        Instant now = Instant.now();
        DkimKeyGenerator generator = new DkimKeyGenerator();
        DkimKey rsa = generator.generate(domain, "rsa", DkimAlgorithm.RSA, now);
        DkimKey ed = generator.generate(domain, "ed", DkimAlgorithm.ED25519, now);
        List<String> header = List.of("From: Alice <alice@shop.example.net>", "To: bob@customer.example.org",
            "Subject: your order", "Date: Sat, 5 Dec 2026 12:00:00 +0000", "Message-ID: <1@shop.example.net>",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8");
        StringBuilder body = new StringBuilder();
        while (body.length() < size - 300) {
            body.append("Thank you for your order. It will be shipped  within two days \t to the address you gave.\r\n");
        }
        byte[] bodyBytes = body.toString().getBytes(StandardCharsets.US_ASCII);

        System.out.printf(Locale.ROOT, "messages of %d bytes, 1 thread (%s %s)%n", size, System.getProperty("java.vm.name"),
            System.getProperty("java.version"));
        System.out.println("| keys | messages/s | CPU ms per message |");
        System.out.println("|---|---:|---:|");
        for (Object[] run : new Object[][] {{"RSA 2048", List.of(rsa)}, {"Ed25519", List.of(ed)}, {"both (dual)", List.of(rsa, ed)}}) {
            @SuppressWarnings("unchecked")
            List<DkimKey> keys = (List<DkimKey>) run[1];
            measure(header, bodyBytes, keys, Math.max(2, seconds / 2)); // warm-up: the JIT compiles the path first
            double[] figures = measure(header, bodyBytes, keys, seconds);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.3f |%n", run[0], figures[0], figures[1]);
        }
    }

    /** Messages per second and CPU milliseconds per message. */
    private static double[] measure(List<String> header, byte[] body, List<DkimKey> keys, double seconds) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int count = 0;
        while (System.nanoTime() < end) {
            DkimSigner.sign(header, new ByteArrayInputStream(body), keys, Instant.now());
            count++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new double[] {count / elapsed, (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / count};
    }
}
