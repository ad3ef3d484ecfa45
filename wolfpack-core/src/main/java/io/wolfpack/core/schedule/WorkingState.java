package io.wolfpack.core.schedule;

import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.spec.PlacementConstraint;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.ServiceSpec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable copy of node usage for one {@code schedule} call, so that placements in the same
 * call see each other. It reads the snapshot through a {@link NodeIndex} and copies only what a
 * placement changes (free cpu and memory, instance counts, ports given); the snapshot and the
 * index are never written.
 */
final class WorkingState {
    final String service;
    final long needCpu;
    final long needMemory;
    final List<PortSpec> ports;
    final PortRange range;
    final List<PlacementConstraint> constraints;

    private final NodeIndex index;
    private final long[] freeCpu;
    private final long[] freeMemory;
    private final int[] instances;
    private final int[] portsGivenCount;
    private final Map<Integer, Set<Integer>> portsGiven = new HashMap<>();
    private final int[][] constraintIds;
    private final int[] constraintValue;
    private final int[][] labelIds;
    private final int[][] instancesPerValue;

    WorkingState(NodeIndex index, PortRange range, ServiceSpec spec, List<PlacementConstraint> constraints, List<String> spreadLabels) {
        this.index = index;
        this.service = spec.name();
        this.needCpu = spec.resources().milliCpu();
        this.needMemory = spec.resources().memory().bytes();
        this.ports = spec.ports();
        this.range = range;
        this.constraints = constraints;
        int n = index.size();
        freeCpu = index.freeCpu.clone();
        freeMemory = index.freeMemory.clone();
        instances = new int[n];
        index.instancesOf(service, instances);
        portsGivenCount = new int[n];

        constraintIds = new int[constraints.size()][];
        constraintValue = new int[constraints.size()];
        for (int c = 0; c < constraints.size(); c++) {
            NodeIndex.LabelColumn column = index.label(constraints.get(c).key());
            constraintIds[c] = column.ids;
            constraintValue[c] = column.id(constraints.get(c).value());
        }

        labelIds = new int[spreadLabels.size()][];
        instancesPerValue = new int[spreadLabels.size()][];
        List<Integer> holding = index.holding(service, instances);
        for (int l = 0; l < spreadLabels.size(); l++) {
            NodeIndex.LabelColumn column = index.label(spreadLabels.get(l));
            labelIds[l] = column.ids;
            int[] counts = new int[column.valueCount()];
            for (int i : holding) {
                // Instances on a down node are gone; counting them would steer replacements away from their zone.
                if (index.state[i] != NodeState.DOWN) counts[column.ids[i]] += instances[i];
            }
            instancesPerValue[l] = counts;
        }
    }

    int size() {
        return index.size();
    }

    String name(int i) {
        return index.node(i).name();
    }

    NodeState state(int i) {
        return index.state[i];
    }

    /** True when node i's labels satisfy constraint c ("missing" fails == and passes !=). */
    boolean satisfies(int c, int i) {
        boolean same = constraintValue[c] >= 0 && constraintIds[c][i] == constraintValue[c];
        return constraints.get(c).equal() == same;
    }

    long cpuCapacity(int i) {
        return index.milliCpu[i];
    }

    long memoryCapacity(int i) {
        return index.memory[i];
    }

    long freeCpu(int i) {
        return freeCpu[i];
    }

    long freeMemory(int i) {
        return freeMemory[i];
    }

    double load(int i) {
        return index.load[i];
    }

    int recentFailures(int i) {
        return index.failures[i];
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
        if (range.size() - index.usedPorts[i] - portsGivenCount[i] >= need) return true;
        return freePorts(i) >= need;
    }

    /** Exact number of free ports in the range on node i; walks the used set, so only for vetoes. */
    int freePorts(int i) {
        int usedInRange = 0;
        for (int p : index.node(i).usedHostPorts()) if (range.contains(p)) usedInRange++;
        return range.size() - usedInRange - portsGivenCount[i];
    }

    boolean portTaken(int i, int port) {
        if (index.node(i).usedHostPorts().contains(port)) return true;
        Set<Integer> given = portsGiven.get(i);
        return given != null && given.contains(port);
    }

    int spreadLabelCount() {
        return labelIds.length;
    }

    /** Id of node i's value for spread label l; equal ids mean the same zone (or both lack the label). */
    int labelValue(int l, int i) {
        return labelIds[l][i];
    }

    /** How many ids spread label l uses (including "label missing"). */
    int labelValueCount(int l) {
        return instancesPerValue[l].length;
    }

    /** Instances of this service across all nodes sharing node i's value of spread label l. */
    int instancesWithLabelValue(int l, int i) {
        return instancesPerValue[l][labelIds[l][i]];
    }

    /** Books one instance onto node i with these host ports. */
    void place(int i, int[] hostPorts) {
        freeCpu[i] -= needCpu;
        freeMemory[i] -= needMemory;
        instances[i]++;
        for (int l = 0; l < labelIds.length; l++) instancesPerValue[l][labelIds[l][i]]++;
        if (hostPorts.length > 0) {
            Set<Integer> given = portsGiven.computeIfAbsent(i, k -> new HashSet<>());
            for (int p : hostPorts) given.add(p);
            portsGivenCount[i] += hostPorts.length;
        }
    }
}
