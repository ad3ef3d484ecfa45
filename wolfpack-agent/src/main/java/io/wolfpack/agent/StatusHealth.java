package io.wolfpack.agent;

import io.wolfpack.agent.health.HealthTracker;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;

import java.util.Optional;

/** Puts the health verdict into a status computed by the reconciler. */
final class StatusHealth {
    private StatusHealth() {
    }

    /**
     * A running instance with a check takes the tracker's verdict (UNKNOWN until the first one); a
     * failing check's detail becomes the message. Others keep what the reconciler said.
     */
    static InstanceStatus merge(InstanceStatus s, Optional<HealthTracker> tracker) {
        if (s.health() == Health.NONE || s.state() != InstanceState.RUNNING) return s;
        Health h = tracker.map(HealthTracker::health).orElse(Health.UNKNOWN);
        String message = s.message();
        if (h == Health.FAILING && tracker.get().detail() != null) message = "health check failing: " + tracker.get().detail();
        return new InstanceStatus(s.id(), s.service(), s.node(), s.revision(), s.state(), h, s.containerId(),
                s.restarts(), s.lastExitCode(), message, s.since(), s.nextRetryAt());
    }
}
