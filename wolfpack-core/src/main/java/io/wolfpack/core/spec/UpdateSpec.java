package io.wolfpack.core.spec;

/**
 * How a new revision replaces the old one: at most {@code maxSurge} extra instances above
 * replicas, at most {@code maxUnavailable} fewer healthy ones; {@code canary} is optional.
 */
public record UpdateSpec(int maxSurge, int maxUnavailable, Canary canary) {
    public static final UpdateSpec DEFAULT = new UpdateSpec(1, 0, null);

    /** Send {@code weight} percent of the service's traffic to the new revision for {@code hold}. */
    public record Canary(int weight, TimeSpan hold) {
    }
}
