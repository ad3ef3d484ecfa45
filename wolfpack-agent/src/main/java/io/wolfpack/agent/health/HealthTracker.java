package io.wolfpack.agent.health;

import io.wolfpack.core.model.Health;

import java.time.Instant;

/**
 * Turns check results into a verdict: PASSING after {@code healthyAfter} passes in a row, FAILING
 * after {@code unhealthyAfter} failures in a row, UNKNOWN before either. A verdict holds until
 * the other threshold is reached, so one flaky probe does not flip it.
 *
 * @param detail      what the last check saw, for the instance's message
 * @param streakSince when the current run of equal results (the passes, or the failures) began
 * @param passedOnce  whether this container ever reached PASSING: until then it is still starting
 */
public record HealthTracker(Health health, int passes, int failures, String detail, Instant streakSince,
                            boolean passedOnce) {
    public static final HealthTracker INITIAL = new HealthTracker(Health.UNKNOWN, 0, 0, null, null, false);

    /** The verdict after {@code result}, seen at {@code at}. */
    public HealthTracker next(CheckResult result, int healthyAfter, int unhealthyAfter, Instant at) {
        if (result.passed()) {
            int p = passes + 1;
            Health h = p >= Math.max(1, healthyAfter) ? Health.PASSING : health;
            return new HealthTracker(h, p, 0, result.detail(), p == 1 ? at : streakSince, passedOnce || h == Health.PASSING);
        }
        int f = failures + 1;
        Health h = f >= Math.max(1, unhealthyAfter) ? Health.FAILING : health;
        return new HealthTracker(h, 0, f, result.detail(), f == 1 ? at : streakSince, passedOnce);
    }

    /** When the checks started failing without a pass since, or null while the last one passed. */
    public Instant failingSince() {
        return failures > 0 ? streakSince : null;
    }

    /** When the passes of a PASSING verdict began, or null when it is not PASSING. */
    public Instant passingSince() {
        return health == Health.PASSING && passes > 0 ? streakSince : null;
    }
}
