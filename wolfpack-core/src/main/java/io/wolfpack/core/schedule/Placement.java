package io.wolfpack.core.schedule;

import java.util.Map;
import java.util.Objects;

/** One new instance: the node it goes to and the host port given to each named container port. */
public record Placement(String node, Map<String, Integer> hostPorts) {
    public Placement {
        Objects.requireNonNull(node, "placement: node must not be null");
        hostPorts = hostPorts == null ? Map.of() : Map.copyOf(hostPorts);
    }
}
