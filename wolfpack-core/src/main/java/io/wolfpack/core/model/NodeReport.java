package io.wolfpack.core.model;

import java.util.List;

/**
 * What an agent sends on every heartbeat: itself, whether its engine answers, and the observed
 * state of every instance it runs. {@code engineError} is null while the engine answers.
 */
public record NodeReport(NodeInfo node, String engineError, List<InstanceStatus> instances) {
    public NodeReport {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }
}
