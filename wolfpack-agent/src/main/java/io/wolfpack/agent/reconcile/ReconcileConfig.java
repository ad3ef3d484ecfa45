package io.wolfpack.agent.reconcile;

import java.time.Duration;

/**
 * Tuning of the host reconciler.
 *
 * @param backoff    wait before retrying after an exit or a failed pull, create or start
 * @param resetAfter a container that ran this long is healthy again: its failure streak starts over
 */
public record ReconcileConfig(Backoff backoff, Duration resetAfter) {
    public static final ReconcileConfig DEFAULT = new ReconcileConfig(Backoff.DEFAULT, Duration.ofSeconds(60));

    public ReconcileConfig {
        if (backoff == null) throw new IllegalArgumentException("backoff is required");
        if (resetAfter == null || resetAfter.isNegative()) {
            throw new IllegalArgumentException("resetAfter must be zero or positive, got " + resetAfter);
        }
    }
}
