package io.wolfpack.core.schedule;

import io.wolfpack.core.spec.ServiceSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A read-only view of every node, taken once; the scheduler decides against it and never writes it. */
public record ClusterSnapshot(List<NodeSnapshot> nodes, PortRange portRange) {

    public ClusterSnapshot {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        portRange = portRange == null ? PortRange.DEFAULT : portRange;
        Set<String> names = new HashSet<>(nodes.size() * 2);
        for (NodeSnapshot node : nodes) {
            if (!names.add(node.name())) {
                throw new IllegalArgumentException("node name '" + node.name() + "' appears twice in the snapshot: names must be unique");
            }
        }
    }

    /**
     * This snapshot with a plan for {@code spec} applied, so that the next decision in the same
     * pass sees the instances just placed. Only the nodes the plan touches are rebuilt.
     */
    public ClusterSnapshot withPlan(ServiceSpec spec, Plan plan) {
        if (plan.placements().isEmpty()) return this;
        Map<String, Integer> index = new HashMap<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++) index.put(nodes.get(i).name(), i);
        List<NodeSnapshot> updated = new ArrayList<>(nodes);
        long cpu = spec.resources().milliCpu();
        long memory = spec.resources().memory().bytes();
        for (Placement p : plan.placements()) {
            Integer i = index.get(p.node());
            if (i == null) throw new IllegalArgumentException("plan places on node '" + p.node() + "' which is not in this snapshot");
            updated.set(i, updated.get(i).withInstance(spec.name(), cpu, memory, p.hostPorts().values()));
        }
        return new ClusterSnapshot(updated, portRange);
    }
}
