package io.wolfpack.core.model;

import java.time.Instant;

/** A revision whose rollout failed, when, and why; the service was rolled back to the revision before it. */
public record RolloutFailure(long revision, Instant at, String reason) {
}
