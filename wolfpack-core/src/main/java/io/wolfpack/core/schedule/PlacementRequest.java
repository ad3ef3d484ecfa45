package io.wolfpack.core.schedule;

import io.wolfpack.core.spec.ServiceSpec;

import java.util.Objects;

/** Place {@code count} more instances of {@code spec}, on top of those the snapshot already shows. */
public record PlacementRequest(ServiceSpec spec, int count) {
    public PlacementRequest {
        Objects.requireNonNull(spec, "placement request: spec must not be null");
        if (count < 0) throw new IllegalArgumentException("placement request for " + spec.name() + ": count must be >= 0, got " + count);
    }
}
