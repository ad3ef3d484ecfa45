package io.wolfpack.core.model;

import java.util.List;

/**
 * The complete set of instances a node must run. {@code version} grows with every change, so an
 * agent can long-poll for the next one. An agent acts only on a set it actually received.
 */
public record NodeAssignments(String node, long version, List<Assignment> assignments) {
    public NodeAssignments {
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
    }
}
