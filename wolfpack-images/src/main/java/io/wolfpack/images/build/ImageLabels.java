package io.wolfpack.images.build;

/** Labels stamped on every image Wolfpack builds: the OCI ones for lineage, and where its Dockerfile lives. */
public final class ImageLabels {
    /** The base as pinned for the build, e.g. "127.0.0.1:5000/base@sha256:…", or "scratch". */
    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    /** The base's manifest digest; absent for scratch. */
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";
    /** The repository's path or URL. */
    public static final String SOURCE = "org.opencontainers.image.source";
    /** The git commit the Dockerfile was read at. */
    public static final String REVISION = "org.opencontainers.image.revision";
    /** The Dockerfile's path inside the repository. */
    public static final String DOCKERFILE = "io.wolfpack.image.dockerfile";

    private ImageLabels() {
    }
}
