package io.wolfpack.server.cluster;

import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.NodeControl;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.schedule.ClusterSnapshot;
import io.wolfpack.core.schedule.NodeSnapshot;
import io.wolfpack.core.schedule.PortRange;
import io.wolfpack.store.ClusterMirror;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the mirror into the scheduler's read-only input: every node with its state and what
 * the instances placed on it use. Instances of removed services still hold their ports and
 * resources until they are gone.
 */
public final class SnapshotBuilder {
    private final ClusterMirror mirror;
    private final NodeRegistry registry;
    private final PortRange ports;

    public SnapshotBuilder(ClusterMirror mirror, NodeRegistry registry, PortRange ports) {
        this.mirror = mirror;
        this.registry = registry;
        this.ports = ports;
    }

    public ClusterSnapshot snapshot() {
        return snapshot(List.of(), Set.of());
    }

    /**
     * The snapshot with writes the mirror does not show yet: {@code placed} instances hold their
     * ports and resources already, instances with ids in {@code removed} no longer do.
     */
    public ClusterSnapshot snapshot(List<Instance> placed, Set<String> removed) {
        Map<String, ServiceRecord> services = new HashMap<>();
        mirror.services().forEach((k, v) -> services.put(k, v.value()));
        Map<String, Usage> usage = new HashMap<>();
        List<Instance> all = mirror.allInstances();
        if (!removed.isEmpty()) all.removeIf(i -> removed.contains(i.id()));
        all.addAll(placed);
        for (Instance i : all) {
            Usage u = usage.computeIfAbsent(i.node(), n -> new Usage());
            ServiceRecord r = services.get(i.service());
            if (r != null) {
                u.milliCpu += r.spec().resources().milliCpu();
                u.memory += r.spec().resources().memory().bytes();
            }
            u.ports.addAll(i.hostPorts().values());
            u.perService.merge(i.service(), 1, Integer::sum);
        }
        Map<String, NodeControl> controls = mirror.nodeControls();
        List<NodeSnapshot> nodes = new ArrayList<>();
        for (NodeInfo n : mirror.nodes().values()) {
            Usage u = usage.getOrDefault(n.name(), new Usage());
            NodeState state = NodeControl.effective(controls.get(n.name()), registry.liveness(n.name()));
            NodeRegistry.Heartbeat hb = registry.last(n.name());
            nodes.add(new NodeSnapshot(n.name(), state, n.labels(), n.milliCpu(), n.memory().bytes(),
                    u.milliCpu, u.memory, Set.copyOf(u.ports), Map.copyOf(u.perService),
                    registry.recentFailures(n.name()), hb == null ? 0.0 : hb.load()));
        }
        return new ClusterSnapshot(nodes, ports);
    }

    private static final class Usage {
        long milliCpu;
        long memory;
        final Set<Integer> ports = new HashSet<>();
        final Map<String, Integer> perService = new HashMap<>();
    }
}
