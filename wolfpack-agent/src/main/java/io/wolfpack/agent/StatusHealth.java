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
    /**
     * True for a running instance with a check that has no result yet (just started, or adopted
     * after an agent restart). Such a status is left out of the report: the server keeps what it
     * knew, so an adopted healthy instance stays in the routes instead of blinking out until its
     * first check, and a new one stays unroutable as it already was.
     */
    static boolean awaitingFirstResult(InstanceStatus s, Optional<HealthTracker> tracker) {
        if (s.health() == Health.NONE || s.state() != InstanceState.RUNNING) return false;
        return tracker.map(t -> t.passes() == 0 && t.failures() == 0).orElse(true);
    }

    static InstanceStatus merge(InstanceStatus s, Optional<HealthTracker> tracker) {
        if (s.health() == Health.NONE || s.state() != InstanceState.RUNNING) return s;
        Health h = tracker.map(HealthTracker::health).orElse(Health.UNKNOWN);
        String message = s.message();
        if (h == Health.FAILING && tracker.get().detail() != null) message = "health check failing: " + tracker.get().detail();
        return new InstanceStatus(s.id(), s.service(), s.node(), s.revision(), s.state(), h, s.containerId(),
                s.restarts(), s.lastExitCode(), message, s.since(), s.nextRetryAt());
    }
}
