package io.wolfpack.core.model;

import java.time.Instant;
import java.util.Map;

/**
 * Desired state of one instance: the server placed revision {@code revision} of {@code service}
 * on {@code node} with these host ports (port name → host port). Written only by the server.
 */
public record Instance(String id, String service, long revision, String node,
                       Map<String, Integer> hostPorts, Instant createdAt) {
    public Instance {
        hostPorts = hostPorts == null ? Map.of() : Map.copyOf(hostPorts);
    }
}
