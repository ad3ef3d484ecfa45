package io.wolfpack.core.model;

import java.time.Instant;
import java.util.Map;

/**
 * Desired state of one instance: the server placed revision {@code revision} of {@code service}
 * on {@code node} with these host ports (port name → host port). Written only by the server.
 *
 * @param retireAt set when the instance is being removed: it has left the routes and keeps
 *                 running until then, so requests in flight finish; null for a live instance
 */
public record Instance(String id, String service, long revision, String node,
                       Map<String, Integer> hostPorts, Instant createdAt, Instant retireAt) {
    public Instance {
        hostPorts = hostPorts == null ? Map.of() : Map.copyOf(hostPorts);
    }

    public Instance(String id, String service, long revision, String node, Map<String, Integer> hostPorts, Instant createdAt) {
        this(id, service, revision, node, hostPorts, createdAt, null);
    }

    public boolean retiring() {
        return retireAt != null;
    }

    public Instance retiringAt(Instant at) {
        return new Instance(id, service, revision, node, hostPorts, createdAt, at);
    }
}
