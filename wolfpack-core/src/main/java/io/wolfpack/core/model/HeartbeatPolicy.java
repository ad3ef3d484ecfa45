package io.wolfpack.core.model;

import java.time.Duration;

/**
 * How often agents report, by fleet size. One server takes about {@link #REPORTS_PER_SECOND}
 * reports a second (measured on 2 cores: docs/BENCHMARKS.md), so the interval grows with the
 * fleet: 500 ms up to 1,000 nodes, then 500 ms more per 1,000 nodes (10,000 nodes: 5 s).
 * Liveness grows with it: a node is suspect after 4 intervals without a report and down after 20
 * ({@link NodeLiveness#DEFAULT}: 2 s and 10 s), unless the configured thresholds are longer.
 */
public final class HeartbeatPolicy {
    public static final int REPORTS_PER_SECOND = 2_000;
    public static final Duration MIN_INTERVAL = Duration.ofMillis(500);
    static final int SUSPECT_AFTER_INTERVALS = 4;
    static final int DOWN_AFTER_INTERVALS = 20;

    private HeartbeatPolicy() {
    }

    public static Duration interval(int nodes) {
        long step = MIN_INTERVAL.toMillis();
        long perStep = REPORTS_PER_SECOND * step / 1000;
        long steps = Math.max(1, (long) Math.ceil(nodes / (double) perStep));
        return Duration.ofMillis(steps * step);
    }

    public static NodeLiveness liveness(int nodes) {
        Duration every = interval(nodes);
        return new NodeLiveness(every.multipliedBy(SUSPECT_AFTER_INTERVALS), every.multipliedBy(DOWN_AFTER_INTERVALS));
    }
}
