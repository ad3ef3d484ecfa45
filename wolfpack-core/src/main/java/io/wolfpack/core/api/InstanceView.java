package io.wolfpack.core.api;

import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.InstanceState;

import java.time.Instant;
import java.util.Map;

/**
 * One instance as the API shows it: where it was placed and what its agent last reported.
 * Before the agent reports, state is "pending" and health "unknown".
 */
public record InstanceView(String id, long revision, String node, String address, Map<String, Integer> hostPorts,
                           InstanceState state, Health health, String containerId, int restarts,
                           Integer lastExitCode, String message, Instant since, Instant nextRetryAt,
                           Instant createdAt) {
}
