package io.wolfpack.core.image;

/** One running instance of a service, and the host it runs on: what an operator must look at when its image is affected. */
public record InstanceUse(String instance, String node) {
}
