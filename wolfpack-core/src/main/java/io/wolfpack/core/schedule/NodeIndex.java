package io.wolfpack.core.schedule;

import io.wolfpack.core.model.NodeState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Columns of what the scheduler reads about every node, so that a call walks a few primitive arrays
 * instead of thousands of objects and maps. Mutable and owned by one {@link NodeList} at a time;
 * rows are refreshed when a derived snapshot replaces nodes. Per-service instance counts are kept
 * as an inverted index (service → node → count), built on the second call of a lineage: a single
 * call is cheaper with a lookup per node than with reading every node's whole map.
 */
final class NodeIndex {
    private NodeSnapshot[] nodes;
    final NodeState[] state;
    final long[] milliCpu;
    final long[] memory;
    final long[] freeCpu;
    final long[] freeMemory;
    final int[] usedPorts;
    final double[] load;
    final int[] failures;
    private final Map<String, LabelColumn> labels = new HashMap<>();
    private Map<String, Map<Integer, Integer>> services;
    private int calls;

    /** One label's value for every node, as small ids; id 0 means the node lacks the label. */
    static final class LabelColumn {
        final int[] ids;
        private final Map<String, Integer> idOf = new HashMap<>();
        private final String label;

        LabelColumn(String label, NodeSnapshot[] nodes) {
            this.label = label;
            ids = new int[nodes.length];
            for (int i = 0; i < nodes.length; i++) refresh(i, nodes[i]);
        }

        void refresh(int i, NodeSnapshot node) {
            String value = node.labels().get(label);
            ids[i] = value == null ? 0 : idOf.computeIfAbsent(value, v -> idOf.size() + 1);
        }

        /** Id of this value, or -1 when no node has it. */
        int id(String value) {
            Integer id = idOf.get(value);
            return id == null ? -1 : id;
        }

        int valueCount() {
            return idOf.size() + 1;
        }
    }

    NodeIndex(NodeSnapshot[] nodes) {
        int n = nodes.length;
        this.nodes = nodes;
        state = new NodeState[n];
        milliCpu = new long[n];
        memory = new long[n];
        freeCpu = new long[n];
        freeMemory = new long[n];
        usedPorts = new int[n];
        load = new double[n];
        failures = new int[n];
        for (int i = 0; i < n; i++) refreshRow(i, nodes[i]);
    }

    boolean belongsTo(NodeSnapshot[] array) {
        return nodes == array;
    }

    NodeSnapshot node(int i) {
        return nodes[i];
    }

    int size() {
        return nodes.length;
    }

    private void refreshRow(int i, NodeSnapshot node) {
        state[i] = node.state();
        milliCpu[i] = node.milliCpu();
        memory[i] = node.memoryBytes();
        freeCpu[i] = node.milliCpu() - node.usedMilliCpu();
        freeMemory[i] = node.memoryBytes() - node.usedMemoryBytes();
        usedPorts[i] = node.usedHostPorts().size();
        load[i] = node.load();
        failures[i] = node.recentFailures();
    }

    /** Hands the index to a derived list whose nodes differ at {@code changed}. */
    void moveTo(NodeSnapshot[] next, Collection<Integer> changed, String service, int[] serviceDelta) {
        NodeSnapshot[] previous = nodes;
        nodes = next;
        for (int i : changed) {
            refreshRow(i, next[i]);
            if (previous[i].labels() != next[i].labels()) {
                for (LabelColumn column : labels.values()) column.refresh(i, next[i]);
            }
        }
        // withPlan, the only caller, changes service counts exactly by the delta.
        if (services == null) return;
        Map<Integer, Integer> column = services.computeIfAbsent(service, s -> new HashMap<>());
        for (int i : serviceDelta) column.merge(i, 1, Integer::sum);
    }

    LabelColumn label(String label) {
        return labels.computeIfAbsent(label, l -> new LabelColumn(l, nodes));
    }

    /** Fills {@code into} with the instances of {@code service} per node (zeros elsewhere). */
    void instancesOf(String service, int[] into) {
        if (services == null && calls++ > 0) buildServices();
        if (services == null) {
            for (int i = 0; i < nodes.length; i++) into[i] = nodes[i].instancesOf(service);
            return;
        }
        Map<Integer, Integer> column = services.get(service);
        if (column != null) column.forEach((i, c) -> into[i] = c);
    }

    private void buildServices() {
        services = new HashMap<>();
        for (int i = 0; i < nodes.length; i++) {
            int node = i;
            nodes[i].instancesPerService().forEach((s, c) -> {
                if (c != 0) services.computeIfAbsent(s, k -> new HashMap<>()).put(node, c);
            });
        }
    }

    /** Positions of the nodes holding this service, for counting per label value cheaply. */
    List<Integer> holding(String service, int[] instances) {
        List<Integer> out = new ArrayList<>();
        if (services != null) {
            Map<Integer, Integer> column = services.get(service);
            if (column != null) out.addAll(column.keySet());
            return out;
        }
        for (int i = 0; i < instances.length; i++) if (instances[i] != 0) out.add(i);
        return out;
    }
}
