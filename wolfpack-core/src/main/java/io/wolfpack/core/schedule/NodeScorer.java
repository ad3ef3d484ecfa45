package io.wolfpack.core.schedule;

/** One preference among feasible nodes, as a penalty: lower is better. Combined in {@link Ranking}. */
interface NodeScorer {
    double penalty(WorkingState w, int node);
}
