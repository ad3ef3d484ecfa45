package io.wolfpack.core.model;

import java.time.Duration;

/**
 * How often agents report, by fleet size. One server takes about {@link #REPORTS_PER_SECOND}
 * reports a second (measured on 2 cores: docs/BENCHMARKS.md), so the interval grows with the
 * fleet: 1 s up to 2,000 nodes, then 1 s per 2,000 nodes (10,000 nodes: 5 s). Liveness grows
 * with it: a node is suspect after 3 missed intervals and down after 10.
 */
public final class HeartbeatPolicy {
    public static final int REPORTS_PER_SECOND = 2_000;
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private HeartbeatPolicy() {
    }

    public static Duration interval(int nodes) {
        long millis = Math.max(MIN_INTERVAL.toMillis(), (long) Math.ceil(nodes / (double) REPORTS_PER_SECOND) * 1000);
        return Duration.ofMillis(millis);
    }

    public static NodeLiveness liveness(int nodes) {
        Duration every = interval(nodes);
        return new NodeLiveness(every.multipliedBy(3), every.multipliedBy(10));
    }
}
