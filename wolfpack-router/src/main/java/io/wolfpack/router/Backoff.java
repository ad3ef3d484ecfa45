package io.wolfpack.router;

import java.time.Duration;

/** Capped exponential backoff: {@code initial}, doubling per consecutive failure, never above {@code max}. */
record Backoff(Duration initial, Duration max) {
    Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got initial=" + initial + " max=" + max);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 = first failure). */
    Duration delay(int failures) {
        if (failures <= 1) return initial;
        int shift = Math.min(failures - 1, 30);
        long millis = initial.toMillis() << shift;
        return millis >= max.toMillis() || millis <= 0 ? max : Duration.ofMillis(millis);
    }
}
