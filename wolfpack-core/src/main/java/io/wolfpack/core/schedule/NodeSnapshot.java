package io.wolfpack.core.schedule;

import io.wolfpack.core.model.NodeState;

import java.util.Collection;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One node as the scheduler sees it: capacity, what is already in use, and how healthy it looked
 * recently. {@code load} is the node's recent load (lower is better); {@code recentFailures} counts
 * instances that failed on it lately. Immutable: collections are copied.
 */
public record NodeSnapshot(String name, NodeState state, Map<String, String> labels,
                           long milliCpu, long memoryBytes, long usedMilliCpu, long usedMemoryBytes,
                           Set<Integer> usedHostPorts, Map<String, Integer> instancesPerService,
                           int recentFailures, double load) {

    public NodeSnapshot {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("node name must not be blank");
        Objects.requireNonNull(state, () -> "node " + name + ": state must not be null");
        if (milliCpu < 0 || memoryBytes < 0 || usedMilliCpu < 0 || usedMemoryBytes < 0 || recentFailures < 0) {
            throw new IllegalArgumentException("node " + name + ": capacity, usage and recentFailures must not be negative");
        }
        if (Double.isNaN(load) || load < 0) throw new IllegalArgumentException("node " + name + ": load must be >= 0, got " + load);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        usedHostPorts = usedHostPorts == null ? Set.of() : Set.copyOf(usedHostPorts);
        instancesPerService = instancesPerService == null ? Map.of() : Map.copyOf(instancesPerService);
    }

    /** Instances of this service already on the node. */
    public int instancesOf(String service) {
        Integer n = instancesPerService.get(service);
        return n == null ? 0 : n;
    }

    /** This node with one more instance of a service using these resources and host ports. */
    public NodeSnapshot withInstance(String service, long milliCpuUsed, long memoryBytesUsed, Collection<Integer> hostPorts) {
        // Built straight into immutable collections (which the constructor then keeps as they are):
        // this runs once per placement when a caller folds plans into a snapshot.
        @SuppressWarnings("unchecked")
        Map.Entry<String, Integer>[] entries = new Map.Entry[instancesPerService.size() + 1];
        int k = 0;
        boolean found = false;
        for (Map.Entry<String, Integer> e : instancesPerService.entrySet()) {
            boolean match = e.getKey().equals(service);
            found |= match;
            entries[k++] = match ? Map.entry(service, e.getValue() + 1) : e;
        }
        if (!found) entries[k++] = Map.entry(service, 1);
        Map<String, Integer> perService = Map.ofEntries(k == entries.length ? entries : Arrays.copyOf(entries, k));
        Set<Integer> ports = usedHostPorts;
        if (!hostPorts.isEmpty()) {
            Integer[] all = usedHostPorts.toArray(new Integer[usedHostPorts.size() + hostPorts.size()]);
            int n = usedHostPorts.size();
            for (Integer p : hostPorts) {
                if (usedHostPorts.contains(p)) {
                    throw new IllegalArgumentException("node " + name + ": host port " + p + " is already in use; a plan must not reuse it");
                }
                all[n++] = p;
            }
            ports = Set.of(all);
        }
        return new NodeSnapshot(name, state, labels, milliCpu, memoryBytes, usedMilliCpu + milliCpuUsed,
                usedMemoryBytes + memoryBytesUsed, ports, perService, recentFailures, load);
    }
}
