package io.wolfpack.core.api;

import io.wolfpack.core.spec.ServiceSpec;

/**
 * One kept revision of a service: its spec, whether it is the current one, how many instances run
 * it, and why its rollout failed if it did.
 */
public record RevisionView(long revision, String image, boolean current, int instances, String failure, ServiceSpec spec) {
}
