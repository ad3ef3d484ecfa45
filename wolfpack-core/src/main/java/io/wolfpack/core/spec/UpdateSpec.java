package io.wolfpack.core.spec;

/**
 * How a new revision replaces the old one, and how any instance is taken out of service.
 *
 * @param maxSurge         at most this many instances above replicas during a rollout
 * @param maxUnavailable   at most this many fewer serving instances than replicas
 * @param canary           optional: a share of traffic for the new revision first
 * @param drain            how long an instance that is being removed stays running out of the
 *                         routes, so requests in flight finish before it gets SIGTERM
 * @param minReady         how long a new instance must have passed its check before it counts as
 *                         serving (and an old one may go)
 * @param progressDeadline a rollout that has not finished this long after it started fails and
 *                         is rolled back to the previous revision
 */
public record UpdateSpec(int maxSurge, int maxUnavailable, Canary canary, TimeSpan drain, TimeSpan minReady,
                         TimeSpan progressDeadline) {
    public static final TimeSpan DEFAULT_DRAIN = TimeSpan.ofMillis(2_000);
    public static final TimeSpan DEFAULT_MIN_READY = TimeSpan.ofMillis(0);
    public static final TimeSpan DEFAULT_PROGRESS_DEADLINE = TimeSpan.ofMillis(600_000);
    public static final UpdateSpec DEFAULT = new UpdateSpec(1, 0, null);

    public UpdateSpec {
        if (drain == null) drain = DEFAULT_DRAIN;
        if (minReady == null) minReady = DEFAULT_MIN_READY;
        if (progressDeadline == null) progressDeadline = DEFAULT_PROGRESS_DEADLINE;
    }

    public UpdateSpec(int maxSurge, int maxUnavailable, Canary canary) {
        this(maxSurge, maxUnavailable, canary, null, null, null);
    }

    /** Send {@code weight} percent of the service's traffic to the new revision for {@code hold}. */
    public record Canary(int weight, TimeSpan hold) {
    }
}
