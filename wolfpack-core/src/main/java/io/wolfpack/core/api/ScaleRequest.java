package io.wolfpack.core.api;

/** Body of PUT /v1/services/{name}/replicas. */
public record ScaleRequest(int replicas) {
}
