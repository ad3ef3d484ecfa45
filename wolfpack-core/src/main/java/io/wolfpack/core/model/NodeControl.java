package io.wolfpack.core.model;

import java.time.Instant;

/**
 * What an operator decided about a node, kept as desired state: cordoned nodes take no new
 * instances; draining nodes also have their instances moved elsewhere (each replacement healthy
 * before the old one stops). {@code uncordon} removes this record.
 */
public record NodeControl(String node, boolean cordoned, boolean draining, Instant since, String reason) {

    /** The state people see: a node that stopped heartbeating shows that first, then the operator's decision. */
    public NodeState effective(NodeState liveness) {
        if (liveness == NodeState.DOWN || liveness == NodeState.SUSPECT) return liveness;
        if (draining) return NodeState.DRAINING;
        if (cordoned) return NodeState.CORDONED;
        return liveness;
    }

    /** {@link #effective} for a node that may have no control record. */
    public static NodeState effective(NodeControl control, NodeState liveness) {
        return control == null ? liveness : control.effective(liveness);
    }
}
