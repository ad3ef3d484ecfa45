package io.wolfpack.core.api;

import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.spec.ByteSize;

import java.time.Instant;
import java.util.Map;

/**
 * A node as the API shows it: identity, state, and resources used by its instances against its
 * total. {@code control} says why a node is cordoned or draining: "cordoned", "drained" (by an
 * operator) or "quarantined" (by Wolfpack, see the node.quarantined event); null otherwise.
 */
public record NodeView(String name, String address, NodeState state, Map<String, String> labels,
                       double cpuTotal, double cpuUsed, ByteSize memoryTotal, ByteSize memoryUsed,
                       int instances, String engineVersion, String engineError, Instant lastHeartbeat, String control) {
}
