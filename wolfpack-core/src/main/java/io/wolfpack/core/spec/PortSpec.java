package io.wolfpack.core.spec;

/** A named container port; Wolfpack allocates the host port. TCP only. */
public record PortSpec(String name, int container) {
}
