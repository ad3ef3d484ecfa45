package io.wolfpack.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * How late this server answers agents' reports: the 90th percentile of the time from a report's
 * arrival to its answer over the last {@link #WINDOW}. An agent sends its next report an interval
 * after the answer to its last one, so a server that answers late hears from every node late, and
 * without this it would call healthy nodes silent because of its own backlog (seen in the
 * control-plane benchmark on an overloaded machine: a failover storm that made more work still).
 * {@link NodeRegistry} stretches its liveness thresholds by it: a node is late only when its
 * silence is longer than the server's own lag explains. The idea is Lifeguard's "local health
 * awareness" for SWIM failure detectors (HashiCorp, 2018): a detector that is itself slow extends
 * its timeouts before it suspects others.
 */
public final class ReportLag {
    static final Duration WINDOW = Duration.ofSeconds(10);
    /** The most it stretches the thresholds: a server that far behind is broken, and failover must still happen. */
    public static final Duration MAX = Duration.ofSeconds(30);
    /** Fewer answers than this in the window say nothing about the server (a few slow first registrations). */
    static final int MIN_SAMPLES = 20;
    private static final int CAPACITY = 4096;
    /** Asked for every node on every liveness check: worked out again at most this often. */
    private static final long RECOMPUTE_MILLIS = 250;

    private final Clock clock;
    private final long[] at = new long[CAPACITY];
    private final long[] millis = new long[CAPACITY];
    private int next;
    private int size;
    private boolean computed;
    private long computedAt;
    private Duration current = Duration.ZERO;

    public ReportLag(Clock clock) {
        this.clock = clock;
    }

    /** A report that arrived at {@code arrivedMillis} (epoch ms) was answered now. */
    public synchronized void answered(long arrivedMillis) {
        long now = clock.millis();
        at[next] = now;
        millis[next] = Math.max(0, now - arrivedMillis);
        next = (next + 1) % CAPACITY;
        if (size < CAPACITY) size++;
    }

    /** The server's recent lag in answering reports, at most {@link #MAX}; zero while it keeps up or hears too little. */
    public synchronized Duration recent() {
        long now = clock.millis();
        if (computed && now >= computedAt && now - computedAt < RECOMPUTE_MILLIS) return current;
        computed = true;
        computedAt = now;
        long[] recent = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (now - at[i] <= WINDOW.toMillis()) recent[n++] = millis[i];
        }
        if (n < MIN_SAMPLES) {
            current = Duration.ZERO;
        } else {
            Arrays.sort(recent, 0, n);
            long p90 = recent[(int) Math.ceil(n * 0.9) - 1];
            current = Duration.ofMillis(Math.min(p90, MAX.toMillis()));
        }
        return current;
    }
}
