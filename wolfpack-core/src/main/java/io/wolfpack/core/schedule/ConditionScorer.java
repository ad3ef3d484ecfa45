package io.wolfpack.core.schedule;

/**
 * Prefer hosts in better condition: lower load and fewer recent instance failures. Each term maps
 * [0, inf) onto [0, 1) with x / (1 + x), so one bad number cannot swamp the rest of the ranking.
 */
final class ConditionScorer implements NodeScorer {
    @Override
    public double penalty(WorkingState w, int node) {
        double load = w.load(node) / (1 + w.load(node));
        double failures = w.recentFailures(node) / (1.0 + w.recentFailures(node));
        return (load + failures) / 2;
    }
}
