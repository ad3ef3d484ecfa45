/**
 * The registry's HTTP API (distribution v2) and rebase without rebuild.
 * <p>
 * {@link io.wolfpack.images.registry.RegistryClient} is the one class that talks HTTP;
 * {@link io.wolfpack.images.registry.RebasePolicy} (is a rebase safe?) and
 * {@link io.wolfpack.images.registry.RebaseSplice} (the new manifest and config) are pure;
 * {@link io.wolfpack.images.registry.Rebaser} fetches, decides, mounts and pushes.
 */
package io.wolfpack.images.registry;
