package io.wolfpack.agent.health;

import java.time.Instant;

/**
 * The verdict on one run of one container: a container started again (same id, new
 * {@code startedAt}) is a different run, whose verdict starts over.
 */
public record HealthObservation(String instanceId, String containerId, Instant startedAt, HealthTracker tracker) {

    /** Whether this verdict is about the container run that started at {@code startedAt}. */
    public boolean isOf(String containerId, Instant startedAt) {
        return this.containerId.equals(containerId) && java.util.Objects.equals(this.startedAt, startedAt);
    }
}
