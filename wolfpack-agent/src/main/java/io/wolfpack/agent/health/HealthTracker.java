package io.wolfpack.agent.health;

import io.wolfpack.core.model.Health;

/**
 * Turns check results into a verdict: PASSING after {@code healthyAfter} passes in a row, FAILING
 * after {@code unhealthyAfter} failures in a row, UNKNOWN before either. A verdict holds until
 * the other threshold is reached, so one flaky probe does not flip it.
 *
 * @param detail what the last check saw, for the instance's message
 */
public record HealthTracker(Health health, int passes, int failures, String detail) {
    public static final HealthTracker INITIAL = new HealthTracker(Health.UNKNOWN, 0, 0, null);

    public HealthTracker next(CheckResult result, int healthyAfter, int unhealthyAfter) {
        if (result.passed()) {
            int p = passes + 1;
            Health h = p >= Math.max(1, healthyAfter) ? Health.PASSING : health;
            return new HealthTracker(h, p, 0, result.detail());
        }
        int f = failures + 1;
        Health h = f >= Math.max(1, unhealthyAfter) ? Health.FAILING : health;
        return new HealthTracker(h, 0, f, result.detail());
    }
}
