package io.wolfpack.agent.health;

import io.wolfpack.core.spec.HealthSpec;

import java.time.Instant;

/**
 * A running container to check. A restart or a new container is a new target (the key changes),
 * so its verdict starts over at UNKNOWN.
 *
 * @param host     where published ports are reached (127.0.0.1 or the node's address)
 * @param hostPort the published port of the checked port name; null for exec checks or when unpublished
 */
public record HealthTarget(String instanceId, String containerId, Instant startedAt, HealthSpec spec,
                           String host, Integer hostPort) {

    String key() {
        return instanceId + "/" + containerId + "/" + startedAt;
    }
}
