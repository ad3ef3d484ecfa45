package io.wolfpack.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Observed state of one instance as its agent reports it. Kept apart from {@link Instance}.
 *
 * @param containerId  Docker container ID, null before one exists
 * @param restarts     times the agent restarted the container after it exited
 * @param lastExitCode exit code of the last exit, null if it never exited
 * @param message      the last problem in a person's words (pull error, exit, failed check), or null
 * @param since        when {@code state} last changed
 * @param nextRetryAt  when a BACKOFF instance is tried again, else null
 * @param cpu          cores the container used, averaged since the agent's previous sample (about
 *                     5 s), or null when not measured. A measurement rather than state: the server
 *                     keeps it in memory for the autoscaler and never stores it (see {@link #withCpu})
 */
public record InstanceStatus(String id, String service, String node, long revision,
                             InstanceState state, Health health, String containerId,
                             int restarts, Integer lastExitCode, String message,
                             Instant since, Instant nextRetryAt, Double cpu) {

    /** A status without a CPU measurement. */
    public InstanceStatus(String id, String service, String node, long revision,
                          InstanceState state, Health health, String containerId,
                          int restarts, Integer lastExitCode, String message,
                          Instant since, Instant nextRetryAt) {
        this(id, service, node, revision, state, health, containerId, restarts, lastExitCode, message, since, nextRetryAt, null);
    }

    /** Whether the router may send traffic to this instance. */
    public boolean routable() {
        return state == InstanceState.RUNNING && (health == Health.PASSING || health == Health.NONE);
    }

    /** The same status with this CPU measurement; {@code withCpu(null)} is the part worth storing. */
    public InstanceStatus withCpu(Double cores) {
        return new InstanceStatus(id, service, node, revision, state, health, containerId, restarts, lastExitCode, message,
                since, nextRetryAt, cores);
    }

    // equals and hashCode written out: the generated ones (a chain of method handles for 13
    // components) were 13% of the CPU of taking a report, which compares every status (JFR).
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof InstanceStatus s)) return false;
        return revision == s.revision && restarts == s.restarts && state == s.state && health == s.health
                && Objects.equals(id, s.id) && Objects.equals(service, s.service) && Objects.equals(node, s.node)
                && Objects.equals(containerId, s.containerId) && Objects.equals(lastExitCode, s.lastExitCode)
                && Objects.equals(message, s.message) && Objects.equals(since, s.since)
                && Objects.equals(nextRetryAt, s.nextRetryAt) && Objects.equals(cpu, s.cpu);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, service, node, revision, state, health, containerId, restarts, lastExitCode, message,
                since, nextRetryAt, cpu);
    }
}
