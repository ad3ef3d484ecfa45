package io.wolfpack.core.schedule;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The immutable node list inside a {@link ClusterSnapshot}. Besides the nodes it carries a
 * {@link NodeIndex} (columns of the numbers the scheduler reads), which is handed from a snapshot
 * to the one {@link ClusterSnapshot#withPlan} derives from it and patched for the few nodes that
 * changed, so scheduling many services in a row does not re-read every node object each time.
 * The index is derived data owned by one list at a time; a list without one builds it on demand.
 */
final class NodeList extends AbstractList<NodeSnapshot> implements RandomAccess {
    private final NodeSnapshot[] nodes;
    private final Map<String, Integer> positions;
    private NodeIndex index; // guarded by this

    private NodeList(NodeSnapshot[] nodes, Map<String, Integer> positions) {
        this.nodes = nodes;
        this.positions = positions;
    }

    /** Copies and checks the nodes: none null, names unique. */
    static NodeList of(List<NodeSnapshot> source) {
        if (source instanceof NodeList list) return list;
        NodeSnapshot[] nodes = source.toArray(new NodeSnapshot[0]);
        Map<String, Integer> positions = new HashMap<>(nodes.length * 2);
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] == null) throw new IllegalArgumentException("snapshot node #" + i + " is null");
            if (positions.put(nodes[i].name(), i) != null) {
                throw new IllegalArgumentException("node name '" + nodes[i].name() + "' appears twice in the snapshot: names must be unique");
            }
        }
        return new NodeList(nodes, positions);
    }

    @Override
    public NodeSnapshot get(int i) {
        return nodes[i];
    }

    @Override
    public int size() {
        return nodes.length;
    }

    /** Position of the node with this name, or -1. */
    int position(String name) {
        Integer p = positions.get(name);
        return p == null ? -1 : p;
    }

    /**
     * This list with some nodes replaced (same names, same positions); {@code serviceDelta} are the
     * positions that got one more instance of {@code service}, one entry per instance.
     */
    NodeList derive(Map<Integer, NodeSnapshot> replaced, String service, int[] serviceDelta) {
        NodeSnapshot[] next = nodes.clone();
        replaced.forEach((i, node) -> next[i] = node);
        NodeList child = new NodeList(next, positions);
        NodeIndex moved = takeIndex();
        if (moved != null) {
            moved.moveTo(next, replaced.keySet(), service, serviceDelta);
            child.offerIndex(moved);
        }
        return child;
    }

    /** Borrows the index exclusively (building one if none is here); give it back with {@link #offerIndex}. */
    NodeIndex borrowIndex() {
        NodeIndex i = takeIndex();
        return i != null ? i : new NodeIndex(nodes);
    }

    private synchronized NodeIndex takeIndex() {
        NodeIndex i = index;
        index = null;
        return i;
    }

    synchronized void offerIndex(NodeIndex i) {
        if (index == null && i.belongsTo(nodes)) index = i;
    }
}
