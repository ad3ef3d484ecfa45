package io.wolfpack.router;

import java.util.concurrent.atomic.LongAdder;

/**
 * The request latencies of one route and backend, counted in fixed buckets (Prometheus' classic
 * histogram: a count per upper bound, their sum, and the total time).
 *
 * <p>Recording is what every request pays, on every event loop, so it is two {@link LongAdder}
 * increments and a short scan, with no clock read, lock or rarely-taken branch of its own. A
 * general-purpose timer (Micrometer's, which this replaces) also keeps a time-windowed maximum whose
 * rotation, about once a minute on the request path, made the JIT throw away and recompile the
 * router's inlined request path (seen with JFR's jdk.Deoptimization events; docs/BENCHMARKS.md).
 *
 * <p>The bounds follow Envoy's and Prometheus' usual decades of 1, 2.5 and 5, from 100 µs (a proxy's
 * own share of a request is well under a millisecond) to 60 s (the longest sensible route timeout).
 */
final class LatencyHistogram {
    /** Upper bounds in seconds, as exported; the last bucket, +Inf, takes everything above. */
    static final double[] UPPER_BOUNDS_SECONDS = {
            0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1, 2.5, 5, 10, 30, 60, Double.POSITIVE_INFINITY};
    private static final long[] UPPER_BOUNDS_NANOS = new long[UPPER_BOUNDS_SECONDS.length - 1];

    static {
        for (int i = 0; i < UPPER_BOUNDS_NANOS.length; i++) {
            UPPER_BOUNDS_NANOS[i] = Math.round(UPPER_BOUNDS_SECONDS[i] * 1e9);
        }
    }

    /** What a scrape reads: counts per bucket (not cumulative), and the total time. */
    record Snapshot(long[] counts, double sumSeconds) {
    }

    private final LongAdder[] buckets = new LongAdder[UPPER_BOUNDS_SECONDS.length];
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
    }

    void record(long nanos) {
        buckets[bucketOf(nanos)].increment();
        sumNanos.add(nanos);
    }

    /** The first bucket whose bound is at least {@code nanos} (Prometheus' "le"); most requests stop in the first few. */
    static int bucketOf(long nanos) {
        int i = 0;
        while (i < UPPER_BOUNDS_NANOS.length && nanos > UPPER_BOUNDS_NANOS[i]) i++;
        return i;
    }

    /**
     * The counts as they are now. Not one atomic reading: a request recorded during the read may be
     * in a bucket and not yet in the sum, which a scrape 15 s later makes good.
     */
    Snapshot snapshot() {
        long[] counts = new long[buckets.length];
        for (int i = 0; i < counts.length; i++) counts[i] = buckets[i].sum();
        return new Snapshot(counts, sumNanos.sum() / 1e9);
    }
}
