package io.wolfpack.core.model;

import io.wolfpack.core.spec.ServiceSpec;

import java.time.Instant;

/**
 * Desired state of one service as stored: its spec and the revision that spec is. The revision
 * increases whenever the spec changes in a way that needs new containers; scaling keeps it.
 */
public record ServiceRecord(ServiceSpec spec, long revision, Instant createdAt, Instant updatedAt) {
    public String name() {
        return spec.name();
    }
}
