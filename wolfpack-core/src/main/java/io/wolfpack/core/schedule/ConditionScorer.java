package io.wolfpack.core.schedule;

/**
 * Prefer hosts in better condition: lower load and fewer recent instance failures. Each term maps
 * [0, inf) onto [0, 1) with x / (1 + x), so one bad number cannot swamp the rest of the ranking.
 */
final class ConditionScorer implements NodeScorer {
    @Override
    public double penalty(WorkingState w, int node) {
        NodeSnapshot n = w.node(node);
        double load = n.load() / (1 + n.load());
        double failures = n.recentFailures() / (1.0 + n.recentFailures());
        return (load + failures) / 2;
    }
}
