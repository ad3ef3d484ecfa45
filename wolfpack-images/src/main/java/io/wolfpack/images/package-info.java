/**
 * Images at the edges of the pure lineage logic in {@code io.wolfpack.core.image}: Dockerfile
 * repositories read with JGit, builds through the Docker engine's build API, and the registry's
 * HTTP API (manifests, blobs, cross-repository mounts) for rebases.
 */
package io.wolfpack.images;
