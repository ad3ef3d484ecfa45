package io.wolfpack.core.api;

import io.wolfpack.core.spec.ServiceSpec;

import java.time.Instant;
import java.util.List;

/**
 * A service as the API shows it: desired spec and revision joined with what runs.
 *
 * @param running   instances whose container runs
 * @param healthy   instances the router may send traffic to
 * @param unplaced  why instances could not be placed, empty when all are placed
 * @param failed    the last rollout that failed and was rolled back (until the next deploy), or null
 * @param canary    the current revision's canary (holding, paused or promoted), or null
 */
public record ServiceView(String name, long revision, ServiceSpec spec, int desired, int running, int healthy,
                          List<InstanceView> instances, List<Unplaced> unplaced,
                          Instant createdAt, Instant updatedAt, io.wolfpack.core.model.RolloutFailure failed,
                          io.wolfpack.core.model.CanaryState canary) {
    public ServiceView(String name, long revision, ServiceSpec spec, int desired, int running, int healthy,
                       List<InstanceView> instances, List<Unplaced> unplaced, Instant createdAt, Instant updatedAt) {
        this(name, revision, spec, desired, running, healthy, instances, unplaced, createdAt, updatedAt, null, null);
    }

    public ServiceView {
        instances = instances == null ? List.of() : List.copyOf(instances);
        unplaced = unplaced == null ? List.of() : List.copyOf(unplaced);
    }

    /** {@code count} instances wait for a node because: {@code reason} (e.g. "0/1 nodes fit: 1 insufficient memory"). */
    public record Unplaced(int count, String reason) {
    }
}
