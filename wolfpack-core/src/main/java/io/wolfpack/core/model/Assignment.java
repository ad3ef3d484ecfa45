package io.wolfpack.core.model;

import io.wolfpack.core.spec.ServiceSpec;

/** One instance an agent must run, with the spec of its revision: everything needed to start it. */
public record Assignment(Instance instance, ServiceSpec spec) {
}
