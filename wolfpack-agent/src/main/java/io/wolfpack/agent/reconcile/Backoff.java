package io.wolfpack.agent.reconcile;

import java.time.Duration;

/**
 * Capped exponential backoff: the n-th failure in a row waits initial × 2^(n-1), never more than
 * max (1s, 2s, 4s, … 60s with the defaults).
 */
public record Backoff(Duration initial, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public Backoff {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("backoff initial delay must be positive, got " + initial);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff max (" + max + ") must be at least the initial delay (" + initial + ")");
        }
    }

    /** The wait after {@code failures} failures in a row; zero when there were none. */
    public Duration delay(int failures) {
        if (failures <= 0) return Duration.ZERO;
        Duration d = initial;
        for (int i = 1; i < failures && d.compareTo(max) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(max) > 0 ? max : d;
    }

    /** Whole seconds for messages, rounded up so "restarting in 0s" never appears. */
    public static String words(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + "ms";
        return ((ms + 999) / 1000) + "s";
    }
}
