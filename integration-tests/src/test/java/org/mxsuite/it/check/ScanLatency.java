package org.mxsuite.it.check;

import java.util.Arrays;

/** The median time of whole SMTP transactions, to show what scanning adds to one. */
final class ScanLatency {
    private ScanLatency() {
    }

    interface Transaction {
        void run() throws Exception;
    }

    static long medianMillis(int runs, Transaction transaction) throws Exception {
        transaction.run();
        long[] micros = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            transaction.run();
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        return micros[runs / 2] / 1000;
    }
}
