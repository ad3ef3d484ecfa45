package io.wolfpack.images.registry;

/** How {@link RegistryClient#mountBlob} got a blob into the target repository. */
public enum BlobTransfer {
    /** The registry linked the existing blob (201): no bytes moved. */
    MOUNTED,
    /** The registry refused the mount (202), so the blob was read from the source and uploaded. */
    COPIED
}
