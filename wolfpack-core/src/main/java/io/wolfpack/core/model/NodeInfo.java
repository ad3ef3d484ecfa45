package io.wolfpack.core.model;

import io.wolfpack.core.spec.ByteSize;

import java.util.Map;

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
}
