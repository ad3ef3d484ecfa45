package io.wolfpack.core.schedule;

import io.wolfpack.core.spec.ServiceSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of every node, taken once; the scheduler decides against it and never writes it.
 * Node names must be unique. To schedule several services in one pass, fold each plan in with
 * {@link #withPlan} before the next call: that is also the fast path, since the scheduler's
 * per-node columns travel along and only the touched nodes are re-read.
 */
public record ClusterSnapshot(List<NodeSnapshot> nodes, PortRange portRange) {

    public ClusterSnapshot {
        nodes = NodeList.of(nodes == null ? List.of() : nodes);
        portRange = portRange == null ? PortRange.DEFAULT : portRange;
    }

    /** This snapshot with the plan's instances of {@code spec} added to their nodes. */
    public ClusterSnapshot withPlan(ServiceSpec spec, Plan plan) {
        if (plan.placements().isEmpty()) return this;
        NodeList list = (NodeList) nodes;
        long cpu = spec.resources().milliCpu();
        long memory = spec.resources().memory().bytes();
        Map<Integer, NodeSnapshot> replaced = new HashMap<>();
        int[] delta = new int[plan.placements().size()];
        int k = 0;
        for (Placement p : plan.placements()) {
            int i = list.position(p.node());
            if (i < 0) throw new IllegalArgumentException("plan places on node '" + p.node() + "' which is not in this snapshot");
            NodeSnapshot current = replaced.getOrDefault(i, list.get(i));
            replaced.put(i, current.withInstance(spec.name(), cpu, memory, p.hostPorts().values()));
            delta[k++] = i;
        }
        return new ClusterSnapshot(list.derive(replaced, spec.name(), delta), portRange);
    }
}
