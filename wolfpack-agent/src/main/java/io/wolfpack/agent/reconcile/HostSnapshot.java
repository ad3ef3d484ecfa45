package io.wolfpack.agent.reconcile;

import io.wolfpack.agent.docker.ContainerInfo;
import io.wolfpack.agent.health.HealthObservation;
import io.wolfpack.core.model.Assignment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one reconcile pass decides from.
 *
 * @param assignmentsReceived false until the agent got its first assignment set: then nothing is done
 * @param containers          the node's containers (label wolfpack.node), running or not
 * @param presentImages       which of the assigned images are on this host
 * @param local               what the agent remembers per instance id
 * @param health              the health verdicts by instance id, each naming the container run it is about
 */
public record HostSnapshot(String node, boolean assignmentsReceived, List<Assignment> assignments,
                           List<ContainerInfo> containers, Set<String> presentImages,
                           Map<String, LocalInstanceState> local, Instant now, Map<String, HealthObservation> health) {
    public HostSnapshot {
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
        containers = containers == null ? List.of() : List.copyOf(containers);
        presentImages = presentImages == null ? Set.of() : Set.copyOf(presentImages);
        local = local == null ? Map.of() : Map.copyOf(local);
        health = health == null ? Map.of() : Map.copyOf(health);
    }

    /** A snapshot without health verdicts (none checked yet, or no checks). */
    public HostSnapshot(String node, boolean assignmentsReceived, List<Assignment> assignments,
                        List<ContainerInfo> containers, Set<String> presentImages,
                        Map<String, LocalInstanceState> local, Instant now) {
        this(node, assignmentsReceived, assignments, containers, presentImages, local, now, Map.of());
    }
}
