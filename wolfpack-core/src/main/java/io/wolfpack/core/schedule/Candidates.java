package io.wolfpack.core.schedule;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The feasible nodes of one call, ready to hand out the best one again and again. Nodes are grouped
 * by their spread-label values (one group per zone, say) with a min-heap per group keyed by the
 * node part of the penalty. A placement changes only the chosen node's key and its group's counts,
 * so picking costs O(groups + log nodes) instead of rescoring every node. Ties go to the smaller
 * node name, which makes plans deterministic.
 */
final class Candidates {
    private final WorkingState w;
    private final Ranking ranking;
    private final double[] key;
    private final int[] group;
    private final int[] pos;
    private int[][] heaps = new int[0][];
    private int[] sizes = new int[0];
    private int total;

    Candidates(WorkingState w, Ranking ranking) {
        this.w = w;
        this.ranking = ranking;
        int n = w.size();
        key = new double[n];
        group = new int[n];
        pos = new int[n];
        Arrays.fill(pos, -1);
    }

    /** Builds the heaps from the nodes that passed every check. */
    void build(int[] feasible, int count) {
        int groups = assignGroups(feasible, count);
        sizes = new int[groups];
        for (int k = 0; k < count; k++) sizes[group[feasible[k]]]++;
        heaps = new int[groups][];
        for (int g = 0; g < groups; g++) heaps[g] = new int[sizes[g]];
        Arrays.fill(sizes, 0);
        for (int k = 0; k < count; k++) {
            int i = feasible[k];
            key[i] = ranking.nodePenalty(w, i);
            int g = group[i];
            pos[i] = sizes[g];
            heaps[g][sizes[g]++] = i;
        }
        for (int g = 0; g < groups; g++) {
            for (int p = sizes[g] / 2 - 1; p >= 0; p--) siftDown(g, p);
        }
        total = count;
    }

    private int assignGroups(int[] feasible, int count) {
        int labels = w.spreadLabelCount();
        if (labels == 0) return 1; // group[] is already all zeros
        if (labels == 1) {
            for (int k = 0; k < count; k++) group[feasible[k]] = w.labelValue(0, feasible[k]);
            return w.labelValueCount(0);
        }
        // Several labels (zone and rack): number each combination that occurs.
        Map<Long, Integer> ids = new HashMap<>();
        for (int k = 0; k < count; k++) {
            int i = feasible[k];
            long combined = 0;
            for (int l = 0; l < labels; l++) combined = combined * w.labelValueCount(l) + w.labelValue(l, i);
            group[i] = ids.computeIfAbsent(combined, c -> ids.size());
        }
        return ids.size();
    }

    /** Feasible nodes left. */
    int size() {
        return total;
    }

    /** The node with the lowest total penalty, or -1 when none is left. */
    int best() {
        int best = -1;
        double bestPenalty = 0;
        for (int g = 0; g < heaps.length; g++) {
            if (sizes[g] == 0) continue;
            int top = heaps[g][0];
            double penalty = ranking.groupPenalty(w, top) + key[top];
            if (best < 0 || penalty < bestPenalty || (penalty == bestPenalty && nameBefore(top, best))) {
                best = top;
                bestPenalty = penalty;
            }
        }
        return best;
    }

    /** Rescores node i after it took an instance. */
    void update(int i) {
        key[i] = ranking.nodePenalty(w, i);
        int g = group[i];
        siftUp(g, pos[i]);
        siftDown(g, pos[i]);
    }

    /** Drops node i, which can take no more instances. */
    void remove(int i) {
        int g = group[i];
        int p = pos[i];
        int last = heaps[g][--sizes[g]];
        pos[i] = -1;
        total--;
        if (last == i) return;
        heaps[g][p] = last;
        pos[last] = p;
        siftUp(g, p);
        siftDown(g, pos[last]);
    }

    private boolean less(int a, int b) {
        return key[a] < key[b] || (key[a] == key[b] && nameBefore(a, b));
    }

    private boolean nameBefore(int a, int b) {
        return w.name(a).compareTo(w.name(b)) < 0;
    }

    private void siftUp(int g, int p) {
        int[] h = heaps[g];
        int i = h[p];
        while (p > 0) {
            int parent = (p - 1) / 2;
            if (!less(i, h[parent])) break;
            h[p] = h[parent];
            pos[h[p]] = p;
            p = parent;
        }
        h[p] = i;
        pos[i] = p;
    }

    private void siftDown(int g, int p) {
        int[] h = heaps[g];
        int size = sizes[g];
        int i = h[p];
        while (true) {
            int child = 2 * p + 1;
            if (child >= size) break;
            if (child + 1 < size && less(h[child + 1], h[child])) child++;
            if (!less(h[child], i)) break;
            h[p] = h[child];
            pos[h[p]] = p;
            p = child;
        }
        h[p] = i;
        pos[i] = p;
    }
}
