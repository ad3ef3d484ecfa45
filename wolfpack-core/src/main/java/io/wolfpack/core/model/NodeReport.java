package io.wolfpack.core.model;

import java.util.List;

/**
 * What an agent sends on every heartbeat: itself, whether its engine answers, the observed state
 * of every instance it runs, and how loaded the host is. {@code engineError} is null while the
 * engine answers; {@code load} is the 1-minute load average per core (null if unknown).
 */
public record NodeReport(NodeInfo node, String engineError, List<InstanceStatus> instances, Double load) {
    public NodeReport {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    public NodeReport(NodeInfo node, String engineError, List<InstanceStatus> instances) {
        this(node, engineError, instances, null);
    }
}
