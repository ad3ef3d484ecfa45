package io.wolfpack.core.schedule;

import io.wolfpack.core.spec.PlacementSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The scorers and their weights, wired in one place. Total penalty = group part + node part; the
 * group part depends only on the node's spread-label values (zone, rack, ...) and the node part
 * only on the node itself, which is what lets {@link Candidates} keep one heap per group.
 */
final class Ranking {
    /**
     * Spread counts whole instances at weight 1, while fit and condition lie in [0,1) with weights
     * summing below 1: one instance of imbalance always outweighs them, which keeps max - min
     * instances per node at most 1 on equal nodes. Fit and condition then break the ties.
     */
    static final double SPREAD = 1.0;
    static final double FIT = 0.5;
    static final double CONDITION = 0.4;

    private final NodeScorer[] groupScorers;
    private final double[] groupWeights;
    private final NodeScorer[] nodeScorers;
    private final double[] nodeWeights;

    private Ranking(List<NodeScorer> group, List<Double> groupW, List<NodeScorer> node, List<Double> nodeW) {
        groupScorers = group.toArray(new NodeScorer[0]);
        groupWeights = groupW.stream().mapToDouble(Double::doubleValue).toArray();
        nodeScorers = node.toArray(new NodeScorer[0]);
        nodeWeights = nodeW.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * @param spreadLabels the spread entries other than "node", in the order of the working state
     */
    static Ranking forSpec(PlacementSpec placement, List<String> spreadLabels) {
        List<NodeScorer> group = new ArrayList<>();
        List<Double> groupW = new ArrayList<>();
        for (int l = 0; l < spreadLabels.size(); l++) {
            group.add(new LabelSpreadScorer(l));
            groupW.add(SPREAD);
        }
        List<NodeScorer> node = new ArrayList<>();
        List<Double> nodeW = new ArrayList<>();
        // Bin-packing packs "instead of spreading" (PlacementSpec), so it drops node spread but keeps label spread.
        if (placement.spread().contains("node") && !placement.binpack()) {
            node.add(new NodeSpreadScorer());
            nodeW.add(SPREAD);
        }
        node.add(new ResourceFitScorer(placement.binpack()));
        nodeW.add(FIT);
        node.add(new ConditionScorer());
        nodeW.add(CONDITION);
        return new Ranking(group, groupW, node, nodeW);
    }

    /** The part shared by every node with the same spread-label values. */
    double groupPenalty(WorkingState w, int node) {
        double sum = 0;
        for (int s = 0; s < groupScorers.length; s++) sum += groupWeights[s] * groupScorers[s].penalty(w, node);
        return sum;
    }

    /** The part that only this node's own usage and condition decide. */
    double nodePenalty(WorkingState w, int node) {
        double sum = 0;
        for (int s = 0; s < nodeScorers.length; s++) sum += nodeWeights[s] * nodeScorers[s].penalty(w, node);
        return sum;
    }
}
