package io.wolfpack.agent.reconcile;

import java.time.Duration;

/**
 * Tuning of the host reconciler.
 *
 * @param backoff       wait before retrying after an exit, a failed pull, create or start, or a health restart
 * @param resetAfter    a container that ran this long (and, if it has a check, passed it this long) is
 *                      healthy again: its failure streak starts over
 * @param healthRestart when a container that keeps failing its check is restarted
 */
public record ReconcileConfig(Backoff backoff, Duration resetAfter, HealthRestartPolicy healthRestart) {
    public static final ReconcileConfig DEFAULT =
            new ReconcileConfig(Backoff.DEFAULT, Duration.ofSeconds(60), HealthRestartPolicy.DEFAULT);

    public ReconcileConfig {
        if (backoff == null) throw new IllegalArgumentException("backoff is required");
        if (resetAfter == null || resetAfter.isNegative()) {
            throw new IllegalArgumentException("resetAfter must be zero or positive, got " + resetAfter);
        }
        if (healthRestart == null) throw new IllegalArgumentException("healthRestart is required");
    }
}
