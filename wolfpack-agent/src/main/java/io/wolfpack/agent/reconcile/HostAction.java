package io.wolfpack.agent.reconcile;

import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Instance;

import java.time.Instant;

/** One thing the agent should do on its host, decided by {@link HostReconciler}, done by the agent. */
public sealed interface HostAction {

    /** Which instance the action is for (the container's label for removals). */
    String instanceId();

    /** Pull the image an instance needs; nothing else happens for it until the image is here. */
    record Pull(Instance instance, String image) implements HostAction {
        @Override
        public String instanceId() {
            return instance.id();
        }
    }

    /** Create and start a new container for an assignment. */
    record Create(Assignment assignment) implements HostAction {
        @Override
        public String instanceId() {
            return assignment.instance().id();
        }
    }

    /** Start an existing container of the right revision again (it exited or was never started). */
    record Start(String instanceId, String containerId) implements HostAction {
    }

    /** Stop and remove a container; {@code reason} is for the log. */
    record Remove(String instanceId, String containerId, String reason) implements HostAction {
    }

    /** Deliberately do nothing until {@code until}: the instance is in backoff. */
    record Hold(String instanceId, Instant until, String reason) implements HostAction {
    }
}
