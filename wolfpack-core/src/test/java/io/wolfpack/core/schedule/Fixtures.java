package io.wolfpack.core.schedule;

import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.spec.ByteSize;
import io.wolfpack.core.spec.PlacementSpec;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.Resources;
import io.wolfpack.core.spec.ServiceSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Small builders for scheduler tests. */
final class Fixtures {
    private Fixtures() {
    }

    static NodeSnapshot node(String name, String zone) {
        return node(name, zone, 4, "8Gi");
    }

    static NodeSnapshot node(String name, String zone, double cores, String memory) {
        return new NodeSnapshot(name, NodeState.READY, zone == null ? Map.of() : Map.of("zone", zone),
                Math.round(cores * 1000), ByteSize.parse(memory).bytes(), 0, 0, Set.of(), Map.of(), 0, 0);
    }

    static NodeSnapshot withState(NodeSnapshot n, NodeState state) {
        return new NodeSnapshot(n.name(), state, n.labels(), n.milliCpu(), n.memoryBytes(), n.usedMilliCpu(),
                n.usedMemoryBytes(), n.usedHostPorts(), n.instancesPerService(), n.recentFailures(), n.load());
    }

    static NodeSnapshot withUsedMemory(NodeSnapshot n, String used) {
        return new NodeSnapshot(n.name(), n.state(), n.labels(), n.milliCpu(), n.memoryBytes(), n.usedMilliCpu(),
                ByteSize.parse(used).bytes(), n.usedHostPorts(), n.instancesPerService(), n.recentFailures(), n.load());
    }

    static NodeSnapshot withPorts(NodeSnapshot n, Set<Integer> used) {
        return new NodeSnapshot(n.name(), n.state(), n.labels(), n.milliCpu(), n.memoryBytes(), n.usedMilliCpu(),
                n.usedMemoryBytes(), used, n.instancesPerService(), n.recentFailures(), n.load());
    }

    static NodeSnapshot withCondition(NodeSnapshot n, int recentFailures, double load) {
        return new NodeSnapshot(n.name(), n.state(), n.labels(), n.milliCpu(), n.memoryBytes(), n.usedMilliCpu(),
                n.usedMemoryBytes(), n.usedHostPorts(), n.instancesPerService(), recentFailures, load);
    }

    static ServiceSpec service(String name, double cpu, String memory, PlacementSpec placement, String... ports) {
        List<PortSpec> portSpecs = java.util.Arrays.stream(ports).map(p -> new PortSpec(p, 8080)).toList();
        return new ServiceSpec(name, "registry.local:5000/" + name + ":1", 1, null, null,
                new Resources(cpu, ByteSize.parse(memory)), portSpecs, null, null, placement, null);
    }

    static ServiceSpec service(String name) {
        return service(name, 0.1, "64Mi", PlacementSpec.DEFAULT);
    }

    static PlacementSpec spread(String... over) {
        return new PlacementSpec(List.of(over), List.of(), false);
    }

    static PlacementSpec constrained(String... constraints) {
        return new PlacementSpec(List.of("node"), List.of(constraints), false);
    }

    static Plan schedule(List<NodeSnapshot> nodes, ServiceSpec spec, int count) {
        return new Scheduler().schedule(new ClusterSnapshot(nodes, PortRange.DEFAULT), new PlacementRequest(spec, count));
    }

    /** Placements per node name, sorted by name. */
    static Map<String, Long> perNode(Plan plan) {
        return plan.placements().stream().collect(Collectors.groupingBy(Placement::node, TreeMap::new, Collectors.counting()));
    }
}
