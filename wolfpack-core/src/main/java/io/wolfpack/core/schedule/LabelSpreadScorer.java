package io.wolfpack.core.schedule;

/**
 * Spread over a node label such as "zone": each instance of the service on any node with the same
 * value counts one. Equal for all nodes of a zone, which is what lets {@link Candidates} rank zones
 * first and nodes within a zone second.
 */
final class LabelSpreadScorer implements NodeScorer {
    private final int label;

    LabelSpreadScorer(int label) {
        this.label = label;
    }

    @Override
    public double penalty(WorkingState w, int node) {
        return w.instancesWithLabelValue(label, node);
    }
}
