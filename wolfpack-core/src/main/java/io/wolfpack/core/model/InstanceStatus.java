package io.wolfpack.core.model;

import java.time.Instant;

/**
 * Observed state of one instance as its agent reports it. Kept apart from {@link Instance}.
 *
 * @param containerId  Docker container ID, null before one exists
 * @param restarts     times the agent restarted the container after it exited
 * @param lastExitCode exit code of the last exit, null if it never exited
 * @param message      the last problem in a person's words (pull error, exit, failed check), or null
 * @param since        when {@code state} last changed
 * @param nextRetryAt  when a BACKOFF instance is tried again, else null
 */
public record InstanceStatus(String id, String service, String node, long revision,
                             InstanceState state, Health health, String containerId,
                             int restarts, Integer lastExitCode, String message,
                             Instant since, Instant nextRetryAt) {

    /** Whether the router may send traffic to this instance. */
    public boolean routable() {
        return state == InstanceState.RUNNING && (health == Health.PASSING || health == Health.NONE);
    }
}
