package io.wolfpack.core.model;

import io.wolfpack.core.spec.ServiceSpec;

import java.time.Instant;

/**
 * Desired state of one service as stored: its spec and the revision that spec is. The revision
 * increases whenever the spec changes in a way that needs new containers; scaling keeps it.
 * {@code updatedAt} is when the revision last changed (scaling keeps it): a rollout's progress
 * deadline runs from it.
 *
 * @param failed the last rollout that failed and was rolled back, until the next deploy; null if none
 * @param canary the canary phase of the current revision's rollout, or null when it has none
 */
public record ServiceRecord(ServiceSpec spec, long revision, Instant createdAt, Instant updatedAt, RolloutFailure failed,
                            CanaryState canary) {
    public ServiceRecord(ServiceSpec spec, long revision, Instant createdAt, Instant updatedAt) {
        this(spec, revision, createdAt, updatedAt, null, null);
    }

    public ServiceRecord(ServiceSpec spec, long revision, Instant createdAt, Instant updatedAt, RolloutFailure failed) {
        this(spec, revision, createdAt, updatedAt, failed, null);
    }

    /** The canary of the current revision, if one is splitting traffic now. */
    public CanaryState splittingCanary() {
        return canary != null && canary.revision() == revision && canary.splitting() ? canary : null;
    }

    /**
     * The number a new revision of this service gets: above the current one and above every kept
     * one, so that a number is never reused, also after a rollback.
     */
    public long nextRevision(java.util.SortedMap<Long, ?> kept) {
        return Math.max(revision, kept.isEmpty() ? 0 : kept.lastKey()) + 1;
    }

    public ServiceRecord withCanary(CanaryState c) {
        return new ServiceRecord(spec, revision, createdAt, updatedAt, failed, c);
    }

    public String name() {
        return spec.name();
    }
}
