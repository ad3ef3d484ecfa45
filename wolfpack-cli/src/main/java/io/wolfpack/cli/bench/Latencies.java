package io.wolfpack.cli.bench;

import java.util.Arrays;

/**
 * Latency samples in microseconds, kept whole (a 60 s run at 10,000 reports/s is 600,000 longs,
 * under 5 MB) so percentiles are exact. Thread-safe; {@link #drain} hands the samples over and
 * starts afresh, which is how a window (the last 5 s, the measured phase) is cut.
 */
final class Latencies {
    /** Percentiles of one set of samples, in milliseconds. */
    record Summary(int count, double p50, double p99, double max) {
        static final Summary EMPTY = new Summary(0, 0, 0, 0);

        String describe() {
            return count == 0 ? "no samples" : String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d calls)", p50, p99, max, count);
        }
    }

    private long[] samples = new long[1024];
    private int size;

    synchronized void record(long micros) {
        if (size == samples.length) samples = Arrays.copyOf(samples, size * 2);
        samples[size++] = micros;
    }

    /** The samples so far, summarised; the recorder starts empty again. */
    Summary drain() {
        long[] taken;
        synchronized (this) {
            taken = Arrays.copyOf(samples, size);
            size = 0;
        }
        return summarise(taken);
    }

    static Summary summarise(long[] micros) {
        if (micros.length == 0) return Summary.EMPTY;
        long[] s = micros.clone();
        Arrays.sort(s);
        return new Summary(s.length, at(s, 0.50), at(s, 0.99), s[s.length - 1] / 1000.0);
    }

    private static double at(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }
}
