package io.wolfpack.core.model;

import io.wolfpack.core.spec.ByteSize;

import java.util.Map;
import java.util.Objects;

/**
 * A host as its agent describes itself when it registers.
 *
 * @param address the address other hosts and routers reach its published ports at
 * @param cpu     cores Wolfpack may schedule onto
 * @param agentUrl where the server reaches the agent's own small API (container logs)
 */
public record NodeInfo(String name, String address, double cpu, ByteSize memory,
                       Map<String, String> labels, String engineVersion, String agentVersion, String agentUrl) {
    public NodeInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public long milliCpu() {
        return Math.round(cpu * 1000);
    }

    // equals and hashCode written out, as InstanceStatus's: every report compares its node (JFR).
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof NodeInfo n)) return false;
        return Double.compare(cpu, n.cpu) == 0 && Objects.equals(name, n.name) && Objects.equals(address, n.address)
                && Objects.equals(memory, n.memory) && Objects.equals(labels, n.labels)
                && Objects.equals(engineVersion, n.engineVersion) && Objects.equals(agentVersion, n.agentVersion)
                && Objects.equals(agentUrl, n.agentUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, address, cpu, memory, labels, engineVersion, agentVersion, agentUrl);
    }
}
