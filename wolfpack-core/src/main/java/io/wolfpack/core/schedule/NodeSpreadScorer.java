package io.wolfpack.core.schedule;

/** Spread over nodes: each instance of the service already on the node counts one. */
final class NodeSpreadScorer implements NodeScorer {
    @Override
    public double penalty(WorkingState w, int node) {
        return w.instances(node);
    }
}
