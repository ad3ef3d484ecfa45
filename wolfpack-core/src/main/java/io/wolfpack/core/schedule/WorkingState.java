package io.wolfpack.core.schedule;

import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.ServiceSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable copy of node usage for one {@code schedule} call, so that placements in the same
 * call see each other. Arrays indexed by node position keep the hot loop free of allocation; the
 * snapshot itself is never touched.
 */
final class WorkingState {
    final ServiceSpec spec;
    final String service;
    final long needCpu;
    final long needMemory;
    final List<PortSpec> ports;
    final PortRange range;
    final List<Constraint> constraints;
    final List<String> spreadLabels;

    private final NodeSnapshot[] nodes;
    private final long[] freeCpu;
    private final long[] freeMemory;
    private final int[] instances;
    private final int[] portsGivenCount;
    private final Map<Integer, Set<Integer>> portsGiven = new HashMap<>();
    private final int[][] labelValue;
    private final int[][] instancesPerValue;

    WorkingState(ClusterSnapshot snapshot, ServiceSpec spec, List<Constraint> constraints, List<String> spreadLabels) {
        this.spec = spec;
        this.service = spec.name();
        this.needCpu = spec.resources().milliCpu();
        this.needMemory = spec.resources().memory().bytes();
        this.ports = spec.ports();
        this.range = snapshot.portRange();
        this.constraints = constraints;
        this.spreadLabels = spreadLabels;
        this.nodes = snapshot.nodes().toArray(new NodeSnapshot[0]);
        int n = nodes.length;
        freeCpu = new long[n];
        freeMemory = new long[n];
        instances = new int[n];
        portsGivenCount = new int[n];
        labelValue = new int[spreadLabels.size()][n];
        List<List<Integer>> counts = new ArrayList<>();
        List<Map<String, Integer>> valueIds = new ArrayList<>();
        for (int l = 0; l < spreadLabels.size(); l++) {
            counts.add(new ArrayList<>());
            valueIds.add(new HashMap<>());
        }
        for (int i = 0; i < n; i++) {
            NodeSnapshot node = nodes[i];
            freeCpu[i] = node.milliCpu() - node.usedMilliCpu();
            freeMemory[i] = node.memoryBytes() - node.usedMemoryBytes();
            instances[i] = node.instancesOf(service);
            for (int l = 0; l < labelValue.length; l++) {
                // A node without the label forms its own group (value id assigned to null).
                String value = node.labels().get(spreadLabels.get(l));
                List<Integer> c = counts.get(l);
                int id = valueIds.get(l).computeIfAbsent(value == null ? "\0missing" : value, v -> {
                    c.add(0);
                    return c.size() - 1;
                });
                labelValue[l][i] = id;
                // Instances on a down node are gone; counting them would steer replacements away from their zone.
                if (node.state() != NodeState.DOWN) c.set(id, c.get(id) + instances[i]);
            }
        }
        instancesPerValue = new int[labelValue.length][];
        for (int l = 0; l < labelValue.length; l++) {
            instancesPerValue[l] = counts.get(l).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    int size() {
        return nodes.length;
    }

    NodeSnapshot node(int i) {
        return nodes[i];
    }

    long freeCpu(int i) {
        return freeCpu[i];
    }

    long freeMemory(int i) {
        return freeMemory[i];
    }

    /** Instances of this service on node i, counting those placed earlier in this call. */
    int instances(int i) {
        return instances[i];
    }

    /** True when node i has at least the spec's number of free ports in the range; cheap in the common case. */
    boolean enoughFreePorts(int i) {
        int need = ports.size();
        if (need == 0) return true;
        // Fast path: even if every used port lay inside the range there would be enough left.
        if (range.size() - nodes[i].usedHostPorts().size() - portsGivenCount[i] >= need) return true;
        return freePorts(i) >= need;
    }

    /** Exact number of free ports in the range on node i; walks the used set, so only for vetoes. */
    int freePorts(int i) {
        int usedInRange = 0;
        for (int p : nodes[i].usedHostPorts()) if (range.contains(p)) usedInRange++;
        return range.size() - usedInRange - portsGivenCount[i];
    }

    boolean portTaken(int i, int port) {
        if (nodes[i].usedHostPorts().contains(port)) return true;
        Set<Integer> given = portsGiven.get(i);
        return given != null && given.contains(port);
    }

    int spreadLabelCount() {
        return labelValue.length;
    }

    /** Id of node i's value for spread label l; equal ids mean the same zone (or the same missing label). */
    int labelValue(int l, int i) {
        return labelValue[l][i];
    }

    /** How many distinct values (including "missing") spread label l has. */
    int labelValueCount(int l) {
        return instancesPerValue[l].length;
    }

    /** Instances of this service across all nodes sharing node i's value of spread label l. */
    int instancesWithLabelValue(int l, int i) {
        return instancesPerValue[l][labelValue[l][i]];
    }

    /** Books one instance onto node i with these host ports. */
    void place(int i, int[] hostPorts) {
        freeCpu[i] -= needCpu;
        freeMemory[i] -= needMemory;
        instances[i]++;
        for (int l = 0; l < labelValue.length; l++) instancesPerValue[l][labelValue[l][i]]++;
        if (hostPorts.length > 0) {
            Set<Integer> given = portsGiven.computeIfAbsent(i, k -> new HashSet<>());
            for (int p : hostPorts) given.add(p);
            portsGivenCount[i] += hostPorts.length;
        }
    }
}
